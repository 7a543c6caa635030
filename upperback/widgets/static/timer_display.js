// The timer's face, drawn in the browser from its own clock (see timer_display.py).
// The kernel sends the plan once and an anchor when the run changes; between anchors this
// rolls on through the plan: a timed phase's deadline is the next phase's start.

const TRUSTED_TRANSIT_MS = 1000; // a longer (or negative) transit means the clocks disagree
const FLASH_MS = 600;
const STALE_CUE_MS = 900; // a cue this late (a hidden tab, a frozen page) is left unsaid
const ANNOUNCE_AGAIN_MS = 150; // a screen reader hears a cleared region before the words return

function element(tag, className, parent) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (parent) parent.appendChild(node);
  return node;
}

function clockText(seconds) {
  const whole = Math.ceil(seconds - 1e-9);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

// Controls that answer these keys themselves. The arrows move in a box, a list, along the
// tabs, or scroll a box of its own; Space also presses a button or opens a fold. The
// timer's keys are for the page around them (and the arrows for its buttons too).
const ARROWS_OWN = "input, textarea, select, [contenteditable=''], [contenteditable='true'], "
  + "[tabindex]:not(button), [role='tab'], [role='tablist'], .lm-TabBar";
const SPACE_OWN = `${ARROWS_OWN}, button, summary, a[href]`;

function hasOwnKey(target, key) {
  if (!target || !target.closest) return false;
  return Boolean(target.closest(key === " " ? SPACE_OWN : ARROWS_OWN));
}

// Where the run stands at `now` (performance.now() ms), rolled on from the anchor.
function whereAt(plan, anchor, anchorDeadline, now) {
  let index = anchor.index;
  let state = anchor.state;
  if (state === "ready") return { index: 0, state, left: plan[0].seconds, deadline: null };
  if (state === "paused" || state === "stopped") return { index, state, left: anchor.left, deadline: null };
  if (state === "finished") return { index: plan.length - 1, state, left: 0, deadline: null };
  let deadline = plan[index].seconds === null ? null : anchorDeadline;
  while (deadline !== null && now >= deadline && index < plan.length - 1) {
    index += 1;
    deadline = plan[index].seconds === null ? null : deadline + plan[index].seconds * 1000;
  }
  if (plan[index].kind === "done") return { index, state: "finished", left: 0, deadline: null };
  const left = deadline === null ? null : Math.max(0, (deadline - now) / 1000);
  return { index, state, left, deadline };
}

function createSpeaker(model) {
  const synth = globalThis.speechSynthesis;
  return (words, { interrupt = false } = {}) => {
    if (!model.get("speech") || !synth || typeof SpeechSynthesisUtterance === "undefined") return;
    try {
      if (interrupt) synth.cancel(); // a new phase's words never queue behind old ones
      synth.speak(new SpeechSynthesisUtterance(words));
    } catch (error) {
      console.warn("upperback timer: speech failed", error);
    }
  };
}

// The Screen Wake Lock, held while the run counts and released otherwise.
function createWakeLock() {
  let sentinel = null;
  let wanted = false;
  let asking = false;
  async function settle() {
    const api = navigator.wakeLock;
    const want = wanted && document.visibilityState === "visible";
    if (want && !sentinel && !asking && api && api.request) {
      asking = true;
      try {
        sentinel = await api.request("screen");
        sentinel.addEventListener?.("release", () => { sentinel = null; });
      } catch (error) {
        sentinel = null; // refused (battery saver, no permission): the timer runs anyway
      }
      asking = false;
      if (!(wanted && document.visibilityState === "visible")) await settle();
    } else if (!want && sentinel) {
      const held = sentinel;
      sentinel = null;
      try { await held.release(); } catch (error) { /* already released */ }
    }
  }
  return {
    want(value) { wanted = value; settle(); },
    visibilityChanged: settle,
    release() { wanted = false; settle(); },
  };
}

function render({ model, el }) {
  const root = element("div", "upperback-timer-face-box", el);
  const face = element("div", "upperback-timer-face", root);
  const countdown = element("div", "upperback-timer-countdown", face);
  const label = element("h3", "upperback-timer-phase-label", root);
  const progress = element("div", "upperback-timer-progress", root);
  const bar = element("div", "upperback-timer-progress-bar", progress);
  const upNext = element("p", "upperback-timer-up-next", root);
  const cues = element("div", "upperback-timer-cues", root);
  const switchLabel = element("label", "upperback-timer-speech", root);
  const speechBox = element("input", "", switchLabel);
  speechBox.type = "checkbox";
  switchLabel.appendChild(document.createTextNode(" Spoken cues"));
  const sound = element("div", "upperback-timer-sound", root);
  // What a screen reader says at each change of step; quiet while the spoken cues speak.
  const announcer = element("div", "upperback-timer-announce", root);
  announcer.setAttribute("role", "status");
  announcer.setAttribute("aria-live", "polite");
  announcer.setAttribute("aria-atomic", "true");

  const speak = createSpeaker(model);
  const wakeLock = createWakeLock();
  let anchor = model.get("anchor");
  let anchorDeadline = null;
  let said = new Set();
  let lastRun = anchor.run;
  let lastIndex = -1;
  let lastState = null;
  let flashUntil = 0;
  let timeout = null;
  let announceLater = null;

  function receive() {
    anchor = model.get("anchor");
    const received = performance.now();
    const transit = Date.now() - anchor.sent_at;
    const trusted = transit >= 0 && transit <= TRUSTED_TRANSIT_MS ? transit : 0;
    anchorDeadline = anchor.left === null ? null : received + anchor.left * 1000 - trusted;
    if (anchor.run !== lastRun) { said = new Set(); lastRun = anchor.run; lastIndex = -1; }
    tick();
  }

  function chime(kind) {
    const url = model.get("tones")[kind];
    if (!url) return;
    const audio = element("audio", `upperback-timer-tone-${kind}`);
    audio.src = url;
    sound.replaceChildren(audio);
    audio.play?.()?.catch?.(() => { /* no sound before a first click: the face still flashes */ });
  }

  // A step's words for a screen reader, unless the spoken cues already say them aloud.
  // The same words again (the next set of the same move) are cleared first, so they are
  // read again rather than taken for no change.
  function announce(words) {
    const shown = model.get("speech") ? "" : words;
    clearTimeout(announceLater);
    if (shown && announcer.textContent === shown) {
      announcer.textContent = "";
      announceLater = setTimeout(() => { if (!model.get("speech")) announcer.textContent = shown; }, ANNOUNCE_AGAIN_MS);
    } else {
      announcer.textContent = shown;
    }
  }

  function cue(key, due, now, action) {
    if (said.has(key)) return;
    said.add(key);
    if (now - due <= STALE_CUE_MS) action();
  }

  // Speak and chime what is due in this phase: its start, halfway, the last seconds.
  function cues_for(where, now) {
    const plan = model.get("plan");
    const step = plan[where.index];
    const run = anchor.run;
    if (where.state === "finished") {
      cue(`${run}:done`, now, now, () => { chime("finished"); speak("Done", { interrupt: true }); });
      return;
    }
    if (where.state !== "running") return;
    cue(`${run}:${where.index}:start`, now, now, () => { chime("phase"); speak(step.words, { interrupt: true }); });
    if (where.deadline === null) return;
    if (step.halfway) {
      const halfway = where.deadline - step.seconds * 500;
      if (now >= halfway) cue(`${run}:${where.index}:half`, halfway, now, () => { chime("halfway"); speak("Halfway"); });
    }
    const number = Math.ceil(where.left - 1e-9);
    if (number >= 1 && number <= model.get("countdown_from") && number < step.seconds) {
      cue(`${run}:${where.index}:${number}`, where.deadline - number * 1000, now, () => { chime("countdown"); speak(String(number)); });
    }
  }

  function draw(where, now) {
    const plan = model.get("plan");
    const step = plan[where.index];
    let big;
    let words;
    if (where.state === "finished") { big = "Done"; words = "Well done: routine complete."; }
    else if (where.state === "stopped") { big = "Stopped"; words = "Stopped early; what you did is kept."; }
    else {
      big = where.left === null ? step.face : clockText(where.left);
      words = step.label + (where.state === "paused" ? " · paused" : "");
    }
    const over = where.state === "finished" || where.state === "stopped";
    const active = where.state === "running" || where.state === "paused";
    if (countdown.textContent !== big) countdown.textContent = big;
    if (label.textContent !== words) label.textContent = words;
    face.dataset.state = where.state;
    face.dataset.phase = step.kind;
    face.dataset.index = String(where.index);
    face.classList.toggle("upperback-timer-flash", now < flashUntil && !["paused", "ready"].includes(where.state));
    const next = active ? step.next : "";
    if (upNext.textContent !== next) upNext.textContent = next;
    const cueHtml = over ? "" : (model.get("exercise_cues")[step.exercise] ?? "");
    if (cues.dataset.exercise !== String(step.exercise) + over) {
      cues.innerHTML = cueHtml; // built by the kernel from the exercise table, escaped there
      cues.dataset.exercise = String(step.exercise) + over;
    }
    let done = where.state === "finished" ? 1 : step.start_fraction;
    if (active && step.seconds && where.left !== null) {
      done += step.fraction * Math.min(1, 1 - where.left / step.seconds);
    }
    bar.style.width = `${(100 * Math.min(1, done)).toFixed(2)}%`;
  }

  // The next moment the face changes: a whole second, halfway, or the end of a flash.
  function nextChange(where, now) {
    if (where.deadline === null) return now < flashUntil ? flashUntil : null;
    const number = Math.ceil(where.left - 1e-9);
    const moments = [where.deadline - Math.max(0, number - 1) * 1000];
    const step = model.get("plan")[where.index];
    if (step.halfway) moments.push(where.deadline - step.seconds * 500);
    if (now < flashUntil) moments.push(flashUntil);
    const upcoming = moments.filter((m) => m > now);
    return upcoming.length ? Math.min(...upcoming) : where.deadline;
  }

  function tick() {
    clearTimeout(timeout);
    const now = performance.now();
    const where = whereAt(model.get("plan"), anchor, anchorDeadline, now);
    if (where.index !== lastIndex || where.state !== lastState) {
      if (where.state === "running" || where.state === "finished") flashUntil = now + FLASH_MS;
      lastIndex = where.index;
      lastState = where.state;
      wakeLock.want(where.state === "running");
      const step = model.get("plan")[where.index];
      if (where.state === "running") announce(step.words);
      else if (where.state === "finished") announce("Done: routine complete.");
      else if (where.state === "paused") announce("Paused");
      else if (where.state === "stopped") announce("Stopped early; what you did is kept.");
    }
    cues_for(where, now);
    draw(where, now);
    const next = nextChange(where, now);
    if (next !== null) timeout = setTimeout(tick, Math.max(0, next - performance.now()));
  }

  function onKey(event) {
    // Only while the face is on the screen (its own box: `el` is laid out as
    // display: contents, which has no box, so el.offsetParent is always null).
    if (!face.isConnected || face.getClientRects().length === 0) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return; // the browser's own shortcuts
    const key = event.code === "Space" ? " " : event.key;
    if (hasOwnKey(event.target, key)) return;
    if (key === " ") {
      event.preventDefault();
      model.send({ action: "start-or-pause" });
    } else if (event.key === "ArrowRight") {
      event.preventDefault();
      model.send({ action: "skip" });
    } else if (event.key === "ArrowLeft") {
      event.preventDefault();
      model.send({ action: "back" });
    }
  }

  function showSpeech() {
    speechBox.checked = model.get("speech");
    if (model.get("speech")) announce(""); // one voice at a time: the cues take over
  }
  speechBox.addEventListener("change", () => {
    model.set("speech", speechBox.checked);
    model.save_changes();
    if (!speechBox.checked) globalThis.speechSynthesis?.cancel();
  });
  const onVisibility = () => wakeLock.visibilityChanged();
  document.addEventListener("keydown", onKey);
  document.addEventListener("visibilitychange", onVisibility);
  model.on("change:anchor", receive);
  model.on("change:speech", showSpeech);
  showSpeech();
  receive();

  return () => {
    clearTimeout(timeout);
    clearTimeout(announceLater);
    wakeLock.release();
    document.removeEventListener("keydown", onKey);
    document.removeEventListener("visibilitychange", onVisibility);
    model.off("change:anchor", receive);
    model.off("change:speech", showSpeech);
  };
}

export default { render };
