"""The corpus stage: checks only a folder of reports can show (:mod:`.step`), the supervisor's
roster of agencies (:mod:`.roster`) and waivers of accepted findings (:mod:`.baseline`)."""
