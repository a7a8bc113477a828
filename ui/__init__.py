"""The skolsok web app (installed as ``skolsok_ui``); see ``app.create_app``."""
