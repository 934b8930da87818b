"""The 2021 format's vocabulary, shared by every stage: labels and machine keys (:mod:`.labels`),
section headings, the cell value model, dates, deadlines and agency names; and the little every
stage shares about the process: its limits, the cache folder, the compiled patterns kept
between runs (:mod:`.regexcache`) and the dataclass methods kept with them (:mod:`.dataclasscache`)."""
