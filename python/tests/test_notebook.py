"""docs/notebooks/what-ifs.ipynb runs top to bottom (nbclient, the venv's python3 kernel)."""

import pathlib

from conftest import ROOT, need


def test_what_ifs_notebook_runs():
    nbformat = need("nbformat")
    nbclient = need("nbclient")
    need("matplotlib")
    need("pandas")
    path = ROOT / "docs" / "notebooks" / "what-ifs.ipynb"
    nb = nbformat.read(path, as_version=4)
    nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(pathlib.Path(path).parent)}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
