// Read-aloud buttons (a.listen[data-listen]): play or stop the block's audio in place,
// announce the state in a live region. Without this script each button is a link to the WAV.
(function () {
  "use strict";
  var playing = null;
  var status;

  function say(text) { status.textContent = text; }

  function stop() {
    if (!playing) { return; }
    playing.audio.pause();
    playing.button.setAttribute("aria-pressed", "false");
    playing = null;
  }

  function toggle(button) {
    if (playing && playing.button === button) { stop(); say(button.dataset.stopped); return; }
    stop();
    var audio = new Audio(button.href);
    playing = { audio: audio, button: button };
    button.setAttribute("aria-pressed", "true");
    say(button.dataset.playing);
    audio.addEventListener("ended", function () { stop(); say(button.dataset.stopped); });
    audio.addEventListener("error", function () { stop(); say(button.dataset.failed); });
    audio.play().catch(function () { stop(); say(button.dataset.failed); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    status = document.getElementById("listen-status");
    if (!status) { return; }
    document.querySelectorAll("a.listen[data-listen]").forEach(function (button) {
      button.dataset.playing = status.dataset.playing;
      button.dataset.stopped = status.dataset.stopped;
      button.dataset.failed = status.dataset.failed;
      button.addEventListener("click", function (event) { event.preventDefault(); toggle(button); });
      button.addEventListener("keydown", function (event) {
        if (event.key === " ") { event.preventDefault(); toggle(button); }
      });
    });
  });
}());
