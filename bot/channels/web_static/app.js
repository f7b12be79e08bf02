// pathbot trainers' web chat: one page over a WebSocket (protocol in bot/channels/web.py).
// Text from the server is always put in the page as text (textContent), never as HTML; the one
// exception is the pathway diagram, SVG drawn by Graphviz on the server from the pathway files.
"use strict";

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
let ws = null;
let passcode = "";
let mode = "live";                 // live | scenario
let scenario = null;               // {name, steps: [...]} while in scenario mode
let at = 0;                        // the scenario step shown
let pendingBubble = null;          // the clinician's last typed message, until the server answers
let record = "";                   // the record summary text, when reached
const transcript = [];             // [{who, text}] for the printable handout

function connect() {
  const proto = location.protocol === "https:" ? "wss:" : "ws:";
  ws = new WebSocket(`${proto}//${location.host}/ws`);
  ws.onopen = () => {
    status("Connected.");
    start(params.get("area"));
  };
  ws.onmessage = (ev) => {
    let data;
    try { data = JSON.parse(ev.data); } catch (e) { return; }
    receive(data);
  };
  ws.onclose = () => status("Disconnected from the server: reload the page to start again.");
}

function sendJSON(obj) {
  if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(obj));
}

function start(area) {
  const msg = {type: "start", area: area || null};
  if (passcode) msg.passcode = passcode;
  sendJSON(msg);
}

function status(text) { $("status").textContent = text; }

// --- what the server says ------------------------------------------------------------------

function receive(data) {
  if (data.type === "error") {
    if (data.passcode) {
      $("passcode-form").hidden = false;
      $("passcode").focus();
    }
    if (pendingBubble) { pendingBubble.remove(); pendingBubble = null; }
    status(data.error);
    return;
  }
  if (data.type === "diagram") return showDiagram(data);
  if (data.type === "scenarios") return listScenarios(data.scenarios);
  if (data.type === "scenario") return loadScenario(data);
  if (data.type === "turn") {
    if (pendingBubble) {
      if (data.refused) blank(pendingBubble);
      pendingBubble = null;
    }
    disableOldControls();
    showMessages(data.messages, $("log"));
    highlight(data.node);
    if (mode === "live") showWhy(data.why);
    lastTurn();
  }
}

function blank(bubble) {
  // The pipeline refused the message (it looked like it held an identifier): it leaves the page.
  bubble.classList.add("blanked");
  bubble.querySelector(".text").textContent = "[Message removed: it looked like it held an identifier. Nothing from it was kept.]";
  const entry = transcript.find((t) => t.node === bubble);
  if (entry) entry.text = "[message removed]";
}

function addBubble(who, text, log) {
  const div = document.createElement("div");
  div.className = "bubble clinician";
  const label = document.createElement("span");
  label.className = "who";
  label.textContent = who;
  const body = document.createElement("span");
  body.className = "text";
  body.textContent = text;
  div.append(label, body);
  log.append(div);
  transcript.push({who: "Clinician", text, node: div});
  return div;
}

const KIND_LABEL = {emergency: "EMERGENCY", warning: "Important", question: "Question", info: ""};

function showMessages(messages, log) {
  for (const m of messages) {
    const div = document.createElement("div");
    div.className = `bubble bot ${m.kind}`;
    if (m.kind === "emergency") div.setAttribute("role", "alert");
    if (m.asks) div.dataset.asks = m.asks;
    if (KIND_LABEL[m.kind]) {
      const tag = document.createElement("strong");
      tag.className = "tag";
      tag.textContent = KIND_LABEL[m.kind];
      div.append(tag);
    }
    const form = m.items && m.items.length && mode === "live";
    const text = document.createElement("p");
    text.className = "text";
    text.textContent = form && m.heading ? m.heading : m.text;     // the form shows the items
    div.append(text);
    if (m.record) {
      record = m.text;
      div.classList.add("record");
      const copy = document.createElement("button");
      copy.type = "button";
      copy.className = "copy";
      copy.textContent = "Copy summary";
      copy.addEventListener("click", () => copyRecord(m.text, copy));
      div.append(copy);
      $("handout-record").textContent = m.text;
    }
    if (form) div.append(itemsForm(m));
    if (form && m.select === "each" && m.buttons.some((b) => !b.payload.startsWith("/"))) {
      const one = document.createElement("p");
      one.className = "one-at-a-time";
      one.textContent = `Or answer one at a time, starting with: ${m.items[0].title}`;
      div.append(one);
    }
    if (m.buttons && m.buttons.length) {
      const row = document.createElement("div");
      row.className = "buttons";
      row.setAttribute("role", "group");
      row.setAttribute("aria-label", "Answers");
      for (const b of m.buttons) {
        const btn = document.createElement("button");
        btn.type = "button";
        btn.textContent = b.title;
        btn.dataset.payload = b.payload;
        if (b.payload === "/restart" || b.payload === "/back" || b.payload === "/help") btn.className = "nav";
        if (mode === "live" && log === $("log")) btn.addEventListener("click", () => press(b.payload, b.title));
        else btn.disabled = true;
        row.append(btn);
      }
      div.append(row);
    }
    log.append(div);
    transcript.push({who: m.kind === "emergency" ? "Bot (EMERGENCY)" : "Bot", text: m.text, node: div});
  }
  div_scroll(log);
}

function div_scroll(log) { const box = $("log"); box.scrollTop = box.scrollHeight; }

function itemsForm(m) {
  // Several answers at once: tick all that apply ("many") or one choice per item ("each"),
  // sent back as one payload: /set id1=value1;id2=value2
  const form = document.createElement("form");
  form.className = "items";
  const fs = document.createElement("fieldset");
  const legend = document.createElement("legend");
  legend.textContent = m.select === "many" ? "Tick all that apply" : "One answer for each";
  fs.append(legend);
  m.items.forEach((item, n) => {
    const id = `item-${item.id}-${Math.random().toString(36).slice(2, 8)}`;
    if (m.select === "many" || !item.choices.length) {
      const row = document.createElement("div");
      const box = document.createElement("input");
      box.type = "checkbox"; box.id = id; box.name = item.id;
      const label = document.createElement("label");
      label.htmlFor = id; label.textContent = `${n + 1}. ${item.title}`;   // typed numbers answer it too
      row.append(box, label);
      fs.append(row);
    } else {
      const group = document.createElement("fieldset");
      const lg = document.createElement("legend");
      lg.textContent = item.title;
      group.append(lg);
      item.choices.forEach((c, i) => {
        const r = document.createElement("input");
        r.type = "radio"; r.name = `${id}`; r.id = `${id}-${i}`; r.value = c.payload;
        r.dataset.item = item.id;
        const l = document.createElement("label");
        l.htmlFor = r.id; l.textContent = c.title;
        group.append(r, l);
      });
      fs.append(group);
    }
  });
  const submit = document.createElement("button");
  submit.type = "submit";
  submit.textContent = "Send these answers";
  form.append(fs, submit);
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const parts = [], shown = [];
    for (const item of m.items) {
      if (m.select === "many" || !item.choices.length) {
        const box = form.querySelector(`input[type=checkbox][name="${CSS.escape(item.id)}"]`);
        parts.push(`${item.id}=${box && box.checked ? "yes" : "no"}`);
        if (box && box.checked) shown.push(item.title);
      } else {
        const r = form.querySelector(`input[type=radio][data-item="${CSS.escape(item.id)}"]:checked`);
        if (r) {
          parts.push(`${item.id}=${r.value}`);
          shown.push(`${item.title} ${r.labels[0].textContent}`);
        }
      }
    }
    if (m.select === "each" && !parts.length) {
      status("Choose an answer for each question (or at least one), then press Send these answers.");
      return;
    }
    status("");
    press(`/set ${parts.join(";")}`, shown.length ? shown.join("; ") : "None of these");
  });
  return form;
}

function disableOldControls() {
  for (const b of $("log").querySelectorAll(".buttons button, form.items button, form.items input")) b.disabled = true;
}

function press(payload, title) {
  if (mode !== "live") return;
  addBubble("Clinician", title, $("log"));
  sendJSON({type: "press", payload});
}

async function copyRecord(text, btn) {
  try {
    await navigator.clipboard.writeText(text);
    btn.textContent = "Copied";
  } catch (e) {
    const sel = window.getSelection();
    const range = document.createRange();
    range.selectNodeContents(btn.parentElement.querySelector(".text"));
    sel.removeAllRanges(); sel.addRange(range);
    btn.textContent = "Selected: press Ctrl+C";
  }
  status("Record summary copied. Paste it only where the person causing harm cannot see it.");
}

// --- the pathway diagram and "why this step" ------------------------------------------------

function showDiagram(data) {
  const box = $("diagram");
  if (data.svg) {
    box.innerHTML = data.svg;     // Graphviz output, made on the server from the pathway files
    const svg = box.querySelector("svg");
    if (svg) { svg.setAttribute("aria-hidden", "true"); svg.removeAttribute("width"); svg.removeAttribute("height"); }
    box.setAttribute("aria-label", `Pathway diagram for ${data.area}`);
  } else {
    box.textContent = data.missing || "The pathway diagram is not available.";
    box.removeAttribute("role");
  }
}

function highlight(node) {
  for (const n of $("diagram").querySelectorAll(".current")) n.classList.remove("current");
  if (!node) { $("pathway-now").textContent = ""; return; }
  const g = document.getElementById(`step_${node}`);
  if (!g) return;
  g.classList.add("current");
  const title = g.querySelector("text") ? Array.from(g.querySelectorAll("text")).map((t) => t.textContent).join(" ") : node;
  $("pathway-now").textContent = `Now at: ${title}`;
  $("diagram").setAttribute("aria-label", `Pathway diagram; current step: ${title}`);
  // scroll the diagram's own box (not the page) so the current step is in view
  const box = $("diagram"), r = g.getBoundingClientRect(), b = box.getBoundingClientRect();
  box.scrollTop += (r.top - b.top) - box.clientHeight / 2 + r.height / 2;
  box.scrollLeft += (r.left - b.left) - box.clientWidth / 2 + r.width / 2;
}

function showWhy(why) {
  const body = $("why-body");
  body.textContent = "";
  if (!why) {
    const p = document.createElement("p");
    p.textContent = mode === "live" ? "In live mode, ask for Help at any step to see why it is there." : "";
    body.append(p);
    return;
  }
  const stage = document.createElement("p");
  stage.className = "stage";
  stage.textContent = `Stage: ${why.stage}`;
  body.append(stage);
  if (why.question) { const q = document.createElement("p"); q.className = "question"; q.textContent = why.question; body.append(q); }
  if (why.text) { const t = document.createElement("p"); t.textContent = why.text; body.append(t); }
  if (why.sources && why.sources.length) {
    const h = document.createElement("p"); h.className = "sources-title"; h.textContent = "Sources:"; body.append(h);
    const ul = document.createElement("ul"); ul.className = "sources";
    for (const s of why.sources) { const li = document.createElement("li"); li.textContent = s; ul.append(li); }
    body.append(ul);
  }
}

// --- scenario mode --------------------------------------------------------------------------

function listScenarios(list) {
  const pick = $("scenario-pick");
  pick.length = 1;
  for (const s of list) {
    const o = document.createElement("option");
    o.value = s.id;
    o.textContent = s.area ? `${s.name} (${s.area})` : s.name;
    pick.append(o);
  }
}

function loadScenario(data) {
  scenario = data;
  at = 0;
  $("scenario-about").textContent = `${data.name}: ${data.steps.length} steps.`;
  render();
}

function render() {
  // Shows the scenario up to the current step: each step is what the clinician did and the reply.
  if (!scenario) return;
  const log = $("log");
  log.textContent = "";
  transcript.length = 0;
  record = "";
  $("handout-record").textContent = "No record summary yet: the conversation has not reached the end.";
  scenario.steps.slice(0, at + 1).forEach((s, i) => {
    const wrap = document.createElement("div");
    wrap.className = "step" + (i === at ? " current-step" : "");
    wrap.dataset.step = i;
    log.append(wrap);
    if (s.clinician !== null) addBubble("Clinician", s.clinician, wrap);
    else if (s.refused) blank(addBubble("Clinician", "", wrap));
    showMessages(s.messages, wrap);
  });
  const s = scenario.steps[at];
  $("step-count").textContent = `Step ${at + 1} of ${scenario.steps.length}`;
  $("step-back").disabled = at === 0;
  $("step-next").disabled = at >= scenario.steps.length - 1;
  showWhy(s.why);
  highlight(s.node);
  const current = log.querySelector(".current-step");
  if (current) log.scrollTop = current.offsetTop - log.offsetTop;
}

function step(delta) {
  if (mode !== "scenario" || !scenario) return;
  at = Math.max(0, Math.min(scenario.steps.length - 1, at + delta));
  render();
}

function branch() {
  // Carry on live from the scenario step shown: the server takes that step's state.
  if (!scenario) return;
  const from = at;
  setMode("live", true);
  const note = document.createElement("p");
  note.className = "branch-note";
  note.textContent = `Continuing live from step ${from + 1} of "${scenario.name}".`;
  $("log").append(note);
  sendJSON({type: "branch", step: from});
  scenario = null;
}

function setMode(next, keepLog) {
  mode = next;
  $("mode-live").setAttribute("aria-pressed", String(next === "live"));
  $("mode-scenario").setAttribute("aria-pressed", String(next === "scenario"));
  $("scenario-bar").hidden = next !== "scenario";
  $("composer").hidden = next !== "live";
  document.body.classList.toggle("scenario-mode", next === "scenario");
  if (next === "scenario") {
    sendJSON({type: "scenarios"});
    $("scenario-pick").focus();
  } else if (!keepLog) {
    $("log").textContent = "";
    transcript.length = 0;
    start(params.get("area"));
  } else {
    for (const s of $("log").querySelectorAll(".step")) s.classList.remove("current-step");
    for (const b of $("log").querySelectorAll("button")) b.disabled = true;
  }
}

// --- presenter view and the handout ------------------------------------------------------

function presenter(on) {
  document.body.classList.toggle("presenter", on);
  $("presenter").setAttribute("aria-pressed", String(on));
  status(on ? "Presenter view: N or right arrow for next, B or left arrow for back, R to restart, Esc to leave." : "");
}

function lastTurn() {
  // In presenter view only the latest turn shows; mark where it starts.
  const log = $("log");
  for (const n of log.querySelectorAll(".latest")) n.classList.remove("latest");
  const bubbles = Array.from(log.children);
  let i = bubbles.length - 1;
  while (i > 0 && !bubbles[i].classList.contains("clinician")) i--;
  for (const n of bubbles.slice(Math.max(i, 0))) n.classList.add("latest");
}

function fillHandout() {
  const list = $("handout-transcript");
  list.textContent = "";
  for (const t of transcript) {
    const li = document.createElement("li");
    li.textContent = `${t.who}: ${t.text}`;
    list.append(li);
  }
}

function printHandout() { fillHandout(); window.print(); }

document.addEventListener("keydown", (ev) => {
  const typing = ev.target && (ev.target.tagName === "INPUT" || ev.target.tagName === "SELECT" || ev.target.tagName === "TEXTAREA");
  if (typing || ev.ctrlKey || ev.metaKey || ev.altKey) return;
  const presenting = document.body.classList.contains("presenter");
  if (ev.key === "Escape" && presenting) { presenter(false); return; }
  if (!presenting) return;
  if (ev.key === "ArrowRight" || ev.key === "n" || ev.key === "N" || ev.key === "PageDown") {
    if (mode === "scenario") { step(1); ev.preventDefault(); }
  } else if (ev.key === "ArrowLeft" || ev.key === "b" || ev.key === "B" || ev.key === "PageUp") {
    if (mode === "scenario") step(-1); else press("/back", "Back");
    ev.preventDefault();
  } else if (ev.key === "r" || ev.key === "R" || ev.key === "Home") {
    if (mode === "scenario") { at = 0; render(); } else press("/restart", "Restart");
    ev.preventDefault();
  }
});

window.addEventListener("DOMContentLoaded", () => {
  $("composer").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const box = $("msg");
    const text = box.value.trim();
    if (!text) return;
    box.value = "";
    pendingBubble = addBubble("Clinician", text, $("log"));
    sendJSON({type: "send", text});
  });
  $("passcode-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    passcode = $("passcode").value;
    $("passcode-form").hidden = true;
    connect();
  });
  $("mode-live").addEventListener("click", () => setMode("live"));
  $("mode-scenario").addEventListener("click", () => setMode("scenario"));
  $("presenter").addEventListener("click", () => presenter(!document.body.classList.contains("presenter")));
  $("print").addEventListener("click", printHandout);
  $("step-next").addEventListener("click", () => step(1));
  $("step-back").addEventListener("click", () => step(-1));
  $("step-restart").addEventListener("click", () => { at = 0; render(); });
  $("branch").addEventListener("click", branch);
  $("scenario-pick").addEventListener("change", (ev) => {
    if (ev.target.value) sendJSON({type: "scenario", id: ev.target.value});
  });
  window.addEventListener("beforeprint", fillHandout);     // Ctrl+P prints the handout too
  if (params.get("view") === "presenter") presenter(true);
  connect();
});
