"""Opening the workshop: JupyterLab and Voilà launchers, and the kit's Jupyter configuration (save hook)."""
