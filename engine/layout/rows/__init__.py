"""Row layouts: a table row printed on one line (pdftotext, PDF, markdown, tab-separated).

The parser wants one item per cell. Text that holds a whole table row on a line — ``（一）予以公开
35 1 0 0 0 0 36`` — is split here into a label item and one item per value, keeping each value's
source line (and page). :mod:`.words` holds the vocabulary and the lines of positioned words,
:mod:`.assemble` joins wrapped labels and splits cells, :mod:`.blanks` finds blank cells from the
columns' positions, :mod:`.cells` reads rows whose cells are explicit, and :mod:`.merged` reports
rows whose numbers ran together.
"""
