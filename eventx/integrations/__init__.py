"""Bridges to other engines. Each module imports its engine lazily, so eventx does not need it.

- `eventx.integrations.ray`: the extractor as a Ray Data `map_batches` stage (actor pool).
"""
