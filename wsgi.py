"""WSGI entry point: ``gunicorn -c gunicorn.conf.py wsgi:app``; ``flask`` finds it too."""

from pvenet import create_app

app = create_app()
