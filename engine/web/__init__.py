"""``gixlint serve``: the local web page where a clerk checks one report before publishing it.

A thin layer over the same stages and the same report view as the command line: :mod:`.check`
runs in worker processes (:mod:`.workers`) and :mod:`.app` only receives files and draws pages.
"""
