"""Type stubs of the Rust extension module (python/src)."""

from typing import Any, Callable, Dict, List, Optional, Tuple, Union

__version__: str

class ScenarioError(ValueError):
    """str(e): the CLI's file:line:column text; diagnostics: one dict per problem."""

    diagnostics: List[Dict[str, Any]]

class Scenario:
    @property
    def name(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def start(self) -> str: ...
    @property
    def days(self) -> int: ...
    @property
    def replications(self) -> int: ...
    @property
    def seed(self) -> int: ...
    @property
    def files(self) -> List[str]: ...
    def params(self) -> List[str]: ...

class ArrowStream:
    def __arrow_c_stream__(self, requested_schema: Optional[object] = None) -> object: ...

class RunOutput:
    def summary_json(self) -> str: ...
    def daily(self) -> ArrowStream: ...
    def offices(self) -> ArrowStream: ...
    def scorecards(self) -> ArrowStream: ...
    def report_html(self) -> str: ...
    @property
    def wall_s(self) -> float: ...

def scenarios() -> List[str]: ...
def load(path: str) -> Scenario: ...
def load_text(text: str, origin: str = "<text>") -> Scenario: ...
def run(
    scenario: Union[str, Scenario],
    replications: Optional[int] = None,
    seed: Optional[int] = None,
    days: Optional[int] = None,
    mode: str = "des",
    overrides: Optional[Dict[str, Union[float, bool]]] = None,
    threads: int = 0,
    progress: Optional[Callable[[int, int], None]] = None,
    assumption_samples: Optional[int] = None,
) -> RunOutput: ...
def compare(
    a: Union[str, Scenario],
    b: Union[str, Scenario],
    replications: Optional[int] = None,
    seed: Optional[int] = None,
    threads: int = 0,
    progress: Optional[Callable[[int, int], None]] = None,
    assumption_samples: int = 128,
) -> str: ...
def allocate(
    scenario: Union[str, Scenario],
    budget: float,
    objective: str = "removals",
    minimise: bool = False,
    levers: str = "beds,officers,flights",
    confirm: bool = True,
) -> Tuple[str, str, str]: ...
def sweep_info(text: str, origin: str) -> Dict[str, Any]: ...
def sweep_run(
    text: str,
    origin: str,
    out: str,
    shard: Optional[Tuple[int, int]] = None,
    threads: int = 0,
    progress: Optional[Callable[[int, int], None]] = None,
) -> Dict[str, Any]: ...
def sweep_merge(inputs: List[str], out: str) -> Dict[str, Any]: ...
def calibrate(
    scenario: Union[str, Scenario],
    targets: str,
    until: Optional[str] = None,
    params: str = "all",
    series: str = "all",
    seed: int = 1,
    max_evals: int = 3000,
    replications: int = 4,
    out: Optional[str] = None,
    progress: Optional[Callable[[int, int], None]] = None,
    screen: int = 16,
) -> str: ...
def backtest(
    scenario: str,
    origins: List[str],
    targets: str,
    horizon: int = 3,
    refit: bool = False,
    params: str = "all",
    series: str = "all",
    max_evals: int = 1500,
    seed: int = 1,
    screen: int = 16,
) -> ArrowStream: ...
def sensitivity(
    scenario: Union[str, Scenario],
    method: str = "sobol",
    samples: int = 128,
    params: str = "all",
    measures: str = "all",
    mode: str = "fluid",
    ungroup: bool = False,
    seed: int = 1,
    levels: int = 4,
    resamples: int = 1000,
    threads: int = 0,
    progress: Optional[Callable[[int, int], None]] = None,
) -> Tuple[ArrowStream, ArrowStream, ArrowStream, str]: ...
