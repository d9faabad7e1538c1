"""Readiness scan: a rubric questionnaire on the success and failure factors of digital
transformation, anonymous rounds of respondents through invitation links, and the results per
dimension (median, spread, disagreement, previous round, peers)."""
