//! Gold scoring, the same rules as `shared/tools/score.py`. (Being built.)
