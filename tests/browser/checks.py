"""What every page visit of a browser test must pass: axe-core without serious or critical
violations, no sideways scrolling, no console error. A failure saves a screenshot."""

from collections import Counter
from pathlib import Path

# Page visits checked, per language: the numbers the issue asks the report to give.
VISITS: Counter = Counter()

AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.id} (${v.impact}): ` +
      v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
}"""

WIDTH = "() => [document.documentElement.scrollWidth, window.innerWidth]"


class PageChecker:
    """One Playwright page whose every visit is checked; `problems` must stay empty."""

    def __init__(self, page, axe: Path, artifacts: Path, name: str, lang: str):
        self.page, self.axe, self.artifacts, self.name, self.lang = page, axe, artifacts, name, lang
        self.console_errors: list[str] = []
        self.shots = 0
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))

    def _console(self, message) -> None:
        if message.type == "error":
            self.console_errors.append(f"{message.text} at {message.location.get('url')}")

    def goto(self, path: str) -> None:
        self.page.goto(path)
        self.check()

    def click(self, locator) -> None:
        """Click something that loads a new page (a link or a submit button), then check it."""
        with self.page.expect_navigation():
            locator.click()
        self.check()

    def check(self) -> None:
        page = self.page
        problems = []
        if self.console_errors:
            problems.append(f"console errors: {self.console_errors}")
            self.console_errors = []
        scroll_width, viewport = page.evaluate(WIDTH)
        if scroll_width > viewport:
            problems.append(f"document {scroll_width}px wide in a {viewport}px viewport")
        page.add_script_tag(path=str(self.axe))
        problems += page.evaluate(AXE_RUN)
        VISITS[self.lang] += 1
        if problems:
            self.shots += 1
            shot = self.artifacts / f"{self.name}-{self.shots:02d}.png"
            page.screenshot(path=str(shot), full_page=True)
            raise AssertionError(f"{page.url} ({shot.name}): " + "; ".join(problems))
