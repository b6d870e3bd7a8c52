"""The words the parser matches, one module per language, composed into tables by extract.keywords."""
