"""Reference figures of the 2022 hand-read study of 50 Dutch municipalities.

Share of municipalities whose kadernota, voorjaarsnota and begroting gave explicit attention
to each theme, as reported by that study (not computed by Koers). The theme ids are those of
the default codebook. Only datagedreven werken is reported per size class.
"""

STUDY_LABEL = "Handmatig gelezen onderzoek 2022 (50 gemeenten)"

TOTAL_SHARE = {
    "informatieveiligheid-privacy": 86,
    "digitale-dienstverlening": 82,
    "datagedreven-werken": 54,
    "smart-city": 13,
    "digitale-transformatie": 9,
}

SHARE_BY_SIZE_CLASS = {
    "datagedreven-werken": {"<50k": 50, "50k-100k": 35, ">100k": 77},
}


def reference_for(theme: str, size_class: str | None) -> tuple[int | None, int | None]:
    """(total share, share in the size class) in percent; None where the study gives none."""
    by_class = SHARE_BY_SIZE_CLASS.get(theme, {})
    return TOTAL_SHARE.get(theme), by_class.get(size_class) if size_class else None
