"""The packaged Jinja templates compiled ahead of time (written by scripts/compile_templates.py: do not edit)."""

JINJA_VERSION = "3.1.6"
TEMPLATES: dict[str, tuple[str, str]] = {  # template name: (module, SHA-256 of the source it was compiled from)
    "collect/index.html.j2": ("tmpl_collect_index_html_j2", "d8285c8b0cde5c40ef9dc5fd4a8322cf2075d7d3fd0f8d5865458daec11e3022"),
    "collect/status.html.j2": ("tmpl_collect_status_html_j2", "532b9fe49c302111302411737ec79a26e99e4a0f1e50edc079987cefa351b244"),
    "draft/applications.txt.j2": ("tmpl_draft_applications_txt_j2", "b7a7db65bef46241cb0bbbaca7e76e08cbbceb26542a0d46f6ece8f68362b3aa"),
    "draft/proactive.txt.j2": ("tmpl_draft_proactive_txt_j2", "3c0b3a5f1b0bbd8c2b3b52da330d48dd9c30f5d8c19004b0057525a3e186559c"),
    "draft/reviews.txt.j2": ("tmpl_draft_reviews_txt_j2", "3c22f395601ebbbdc060ee15ef902b0fdab1e77caa961485d4b0b4015d0c80cc"),
    "parts/closing.html.j2": ("tmpl_parts_closing_html_j2", "328cabd318dbf8512711e70415cd47b844192dff5ab35df8765f75f63975c48e"),
    "parts/closing.txt.j2": ("tmpl_parts_closing_txt_j2", "315c9a9b9a17adf60b6281a63390886628089f029d882a3f5b5ac5b5db66badf"),
    "parts/macros.html.j2": ("tmpl_parts_macros_html_j2", "2f8a5995ec054e2d16654e9f200e0fdc097dffc1ae5d9321a1f9ab14a850493a"),
    "parts/macros.txt.j2": ("tmpl_parts_macros_txt_j2", "a17b0a3b9b51c73a7e46152c7a1c3bc76411ff104188808028fc4ce6a96e1937"),
    "parts/part.html.j2": ("tmpl_parts_part_html_j2", "af8235ddfff70687f0376f17585727facafc8ca9b4f9fa8c181dd1dfdee01e45"),
    "parts/part.txt.j2": ("tmpl_parts_part_txt_j2", "67a18663453dc8d4f0222784e0e57a715d984b957e3eab057b8a6c9ce55f6b8a"),
    "report.css": ("tmpl_report_css", "398508bf2c646aad5a4b3810d70c00424b3011cf678a3fd9ec15d6ebccbe9bd9"),
    "report.html.j2": ("tmpl_report_html_j2", "8ea32571dbdf0c50b7ad7be02db680fa2f74484386c21aa2a5f78f7d1192761a"),
    "report.txt.j2": ("tmpl_report_txt_j2", "fdc2fbfa064f3f1d49635dd158a219da1781b55713ef1f8ac9756a0e36c96fe4"),
}
