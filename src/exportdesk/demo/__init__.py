"""The demo workspace: a K-beauty export seller with its team, catalog and buyers.

``exportdesk demo`` calls :func:`exportdesk.demo.generator.build_demo_workspace`; the other
modules hold the static material it draws from (catalog, team, countries, message texts).
"""
