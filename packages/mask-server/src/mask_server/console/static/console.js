// The console's only script: the Test Firewall scan and the policy draft validation.
// Text is inserted with textContent/DOM nodes only, never innerHTML: the scanned text is untrusted.
"use strict";

function el(tag, attrs, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function highlight(target, text, spans) {
  target.replaceChildren();
  let pos = 0;
  for (const s of spans) {
    if (s.start < pos) continue;
    target.append(document.createTextNode(text.slice(pos, s.start)));
    const mark = el("mark", {
      class: "finding",
      "data-type": s.type,
      "data-action": s.action,
      "data-score": String(s.score),
      title: `${s.type} · confidence ${s.score.toFixed(2)} · ${s.action}`,
    }, text.slice(s.start, s.end));
    mark.append(el("span", { class: "tag" }, `${s.type} ${s.score.toFixed(2)}`));
    target.append(mark);
    pos = s.end;
  }
  target.append(document.createTextNode(text.slice(pos)));
}

async function postJSON(url, body) {
  const response = await fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  let data = null;
  try { data = await response.json(); } catch (e) { data = null; }
  if (!response.ok) {
    const message = (data && (data.message || data.error)) || `HTTP ${response.status}`;
    throw new Error(message);
  }
  return data;
}

async function scan() {
  const text = document.getElementById("text").value;
  const roles = document.getElementById("roles").value.split(",").map((r) => r.trim()).filter(Boolean);
  const user = document.getElementById("user").value.trim();
  const errorBox = document.getElementById("scan-error");
  errorBox.hidden = true;
  let data;
  try {
    data = await postJSON("/console/api/scan", {
      text, stage: document.getElementById("stage").value, user_id: user || null, roles,
    });
  } catch (err) {
    errorBox.textContent = `Scan failed: ${err.message}`;
    errorBox.hidden = false;
    return;
  }
  document.getElementById("results").hidden = false;
  document.getElementById("count").textContent = String(data.findings.length);
  document.getElementById("blocked").hidden = !data.blocked;
  highlight(document.getElementById("highlighted"), text, data.findings);
  const tbody = document.querySelector("#findings tbody");
  tbody.replaceChildren();
  for (const f of data.findings) {
    const row = el("tr", { "data-type": f.type });
    row.append(el("td", {}, f.type), el("td", {}, f.score.toFixed(2)), el("td", {}, f.action),
      el("td", {}, `${f.start}-${f.end}`), el("td", {}, f.reason || ""));
    tbody.append(row);
  }
  const output = document.getElementById("output");
  if (data.output === null) {
    output.textContent = "(blocked)";
  } else {
    highlight(output, data.output, data.findings.map((f) => ({ ...f, start: f.new_start, end: f.new_end })));
  }
}

async function validateDraft() {
  const box = document.getElementById("validation");
  box.replaceChildren();
  let data;
  try {
    data = await postJSON("/console/api/validate", { yaml: document.getElementById("draft").value });
  } catch (err) {
    box.append(el("p", { class: "error" }, `Validation failed: ${err.message}`));
    return;
  }
  if (data.valid) {
    box.append(el("p", { class: "ok", id: "draft-ok" }, `Valid: stages ${data.stages.join(", ")}`));
    return;
  }
  const list = el("ul", { class: "error", id: "draft-issues" });
  for (const i of data.issues) list.append(el("li", {}, `line ${i.line}, ${i.field || "document"}: ${i.message}`));
  box.append(list);
}

document.addEventListener("DOMContentLoaded", () => {
  const scanButton = document.getElementById("scan");
  if (scanButton) scanButton.addEventListener("click", scan);
  const validateButton = document.getElementById("validate");
  if (validateButton) validateButton.addEventListener("click", validateDraft);
});
