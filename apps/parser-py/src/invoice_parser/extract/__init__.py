"""Reading invoice content off the printed page: words, rows, the line-item table and header fields."""
