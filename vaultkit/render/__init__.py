"""Result objects to text, Markdown, JSON, CSV and ICS."""
