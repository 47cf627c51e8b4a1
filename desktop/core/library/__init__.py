"""The library stage: importing articles from the web and from files, the library database with its
analysis cache, and full-text search by words and by actors under any of their spellings."""
