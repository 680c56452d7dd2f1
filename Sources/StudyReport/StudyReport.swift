// The study report: the whole pipeline on a study folder, as HTML and as a Jupyter notebook.
