-- 0003: keep the rendered HTML report beside the JSON, so viewing never re-analyses.
ALTER TABLE reports ADD COLUMN report_html TEXT NOT NULL DEFAULT '';
