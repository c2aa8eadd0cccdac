// A session's results for their recipient: the token comes from the link's fragment (#jeton=…), is posted,
// never put in a URL the server sees; the CSV is offered as a download built in the page.
import { api } from "../api.js";
import { done, formatDate, h, showLoadError, t } from "../ui.js";

const status = document.querySelector(".form-status");
const token = new URLSearchParams(window.location.hash.slice(1)).get("jeton") || "";

try {
  const found = await api("/api/certif/session-results", { method: "POST", body: { token } });
  document.getElementById("res-title").textContent = t("res_heading", { number: found.session_id });
  document.getElementById("res-lead").textContent = t("res_lead", { centre: found.centre_name, date: formatDate(found.date) });
  document.getElementById("rows").replaceChildren(...found.rows.map((r) => h("tr", null,
    h("td", null, r.certification_number), h("td", null, `${r.last_name} ${r.first_name}`),
    h("td", null, r.status_label), h("td", null, r.pix == null ? "—" : String(r.pix)))));
  document.getElementById("download").addEventListener("click", () => {
    const link = h("a", { href: URL.createObjectURL(new Blob([found.csv], { type: "text/csv;charset=utf-8" })),
      download: found.file_name });
    document.body.append(link);
    link.click();
    link.remove();
  });
  document.getElementById("content").hidden = false;
} catch (error) {
  showLoadError(error, status);
} finally {
  done(document.getElementById("loading"));
}
