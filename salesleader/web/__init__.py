"""The web dashboard (``salesleader serve``): who may log in and what each one sees
(``users``, no web framework needed), and the FastAPI application (``app``, imported only
when serving: ``pip install 'salesleader[web]'``)."""
