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
    "serve/admin.html.j2": ("tmpl_serve_admin_html_j2", "78aeeb95fac9b230707c9eb2e7a849265bef216d4f6e8cc896b4fe855dd8e5c1"),
    "serve/admin_unit.html.j2": ("tmpl_serve_admin_unit_html_j2", "7ae55a9fed6996d34878803db1acbc5b5beb550e42a997743a9c4931cb28e6cf"),
    "serve/audit.html.j2": ("tmpl_serve_audit_html_j2", "9e25296d009f7d125f8c9f714a777ef8df0f953cbd0126725ae3626ad0464c02"),
    "serve/base.html.j2": ("tmpl_serve_base_html_j2", "4ada42e4b2df3658599b23599a41b6b1dc1798afbb8b47b64c6981ee3cd09cb8"),
    "serve/error.html.j2": ("tmpl_serve_error_html_j2", "ff712c2c21f1308c91a01a1e1efac092746b9123e269291a0075f1418e43f5c0"),
    "serve/home.html.j2": ("tmpl_serve_home_html_j2", "1840c4aade0eaa7249696d5dff9381cf19edf11ba02ee8f89e4838210837894d"),
    "serve/login.html.j2": ("tmpl_serve_login_html_j2", "f5a6c6e3ef63f08d1c712d1a9cf74a03cf75b3959778adda25d12073e7946c48"),
    "serve/unit.html.j2": ("tmpl_serve_unit_html_j2", "d5b5e6964a88b27e39f1360b8dd6085a7751f6b545bd291b05ae759506302510"),
}
