// Pix Admin, certification: the two lists of finalised sessions (to publish, requiring action), page by page;
// the selected sessions to publish are published in one batch (each on its own: a refusal is listed).
import { api } from "../api.js";
import { root } from "../common.js";
import { pagedList } from "../paged-list.js";
import { formatDate, h, showLoadError, t } from "../ui.js";
import { adminPage } from "./shell.js";

const rows = document.getElementById("rows");
const status = document.querySelector(".form-status");
const publishSelected = document.getElementById("publish-selected");
let queue = "to_publish";

function row(s) {
  const href = `${root}admin/sessions/session/?id=${encodeURIComponent(s.session_id)}`;
  const flags = [s.has_comment && t("jury_flag_comment"), s.incident && t("jury_flag_incident"),
    s.joining_issue && t("jury_flag_joining")].filter(Boolean).join(", ");
  return h("tr", null,
    h("td", null, queue === "to_publish" ? h("input", { type: "checkbox", value: s.session_id,
      "aria-label": t("jury_select_named", { number: s.session_id }) }) : ""),
    h("td", null, h("a", { href }, s.session_id)),
    h("td", null, s.centre_name),
    h("td", null, `${formatDate(s.date)} · ${s.time.slice(0, 5)}`),
    h("td", null, s.finalised_at ? formatDate(s.finalised_at) : "—"),
    h("td", null, [t(`jury_status_${s.status}`), flags].filter(Boolean).join(" · ")));
}

const list = pagedList({
  rows,
  more: document.getElementById("more"),
  fetchPage: (cursor) => api(`/api/admin/certification-sessions?${
    new URLSearchParams({ queue, limit: "20", ...(cursor ? { cursor } : {}) })}`, { auth: true }),
  items: (page) => page.sessions,
  row,
  onPage: (count) => {
    document.getElementById("empty").hidden = count > 0;
    publishSelected.hidden = queue !== "to_publish" || count === 0;
  },
  onError: (error) => showLoadError(error, status),
});

async function show(name) {
  queue = name;
  for (const other of ["to_publish", "requiring_action"]) {
    const tab = document.getElementById(`tab-${other}`);
    tab.setAttribute("aria-pressed", String(other === name));
    tab.className = other === name ? "" : "secondary";
  }
  document.getElementById("jury-caption").textContent = t(`jury_${name}`);
  await list.reload();
}

for (const name of ["to_publish", "requiring_action"]) {
  document.getElementById(`tab-${name}`).addEventListener("click", () => show(name));
}
publishSelected.addEventListener("click", async () => {
  const ids = [...rows.querySelectorAll("input[type=checkbox]:checked")].map((box) => box.value);
  const result = document.getElementById("batch-result");
  if (!ids.length) { result.textContent = t("jury_select_none"); return; }
  if (!window.confirm(t("jury_publish_confirm_many", { count: ids.length }))) return;
  publishSelected.setAttribute("aria-busy", "true");
  try {
    const done = await api("/api/admin/certification-sessions/batch-publication",
      { method: "POST", auth: true, body: { session_ids: ids } });
    result.replaceChildren(h("ul", null, ...done.outcomes.map((o) => h("li", null,
      o.published ? t("jury_published_one", { number: o.session_id })
        : t("jury_refused_one", { number: o.session_id, reason: o.message || o.error_code })))));
    await show(queue);
  } catch (error) {
    showLoadError(error, status);
  } finally {
    publishSelected.removeAttribute("aria-busy");
  }
});

await adminPage(async () => { await list.reload(); });
