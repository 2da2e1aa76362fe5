"""One module per peer tool: PDF in, the tool's raw table grids out (see `protocol`).

These modules run inside the peer's own virtualenv, so they import nothing of lampiran
and nothing outside the standard library except their tool.
"""
