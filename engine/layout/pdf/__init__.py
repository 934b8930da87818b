"""PDF characters and ruling lines → lines and table rows (see :mod:`.lines`, :mod:`.grid`)."""

from gixlint.layout.pdf.lines import lay_out

__all__ = ["lay_out"]
