//! Cross-incident statistics over the index with tantivy aggregations. (Issue 5.)
