"""The corpus: hand-checked decrees (gold), the PDFs rendered from them, and the renderer."""
