"""Validates Jupyter notebooks with nbformat's own validator (nbformat 4 schema).

Usage: python3 validate_notebook.py NOTEBOOK.ipynb [...]
Exits 0 when every notebook is valid, 1 otherwise, printing what is wrong.
Needs nbformat: pip install nbformat
"""

import sys

import nbformat


def main(paths):
    failed = False
    for path in paths:
        try:
            notebook = nbformat.read(path, as_version=nbformat.NO_CONVERT)
            if notebook.nbformat != 4:
                raise nbformat.ValidationError("nbformat is %r, not 4" % notebook.nbformat)
            nbformat.validate(notebook)
            print("%s: valid nbformat %d.%d, %d cells" % (path, notebook.nbformat, notebook.nbformat_minor, len(notebook.cells)))
        except Exception as error:  # any failure to read or validate is a failure of the notebook
            print("%s: not valid: %s" % (path, error))
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1:]))
