"""The reader's corrections and notes: records, anchoring to the text, applying, keeping, sharing."""
