//! The tantivy index of records: schema, Swedish analyzer, writer, searcher. (Issue 4.)
