// Pix Certif's home: the centres the person belongs to, each leading to its sessions; without any, how to join.
import { api } from "../api.js";
import { root } from "../common.js";
import { productHome, toProfile } from "../product.js";
import { h, t } from "../ui.js";

let mine = [];

function centreItem({ centre, role }) {
  const href = `${root}certif/sessions/?centre=${encodeURIComponent(centre.id)}`;
  return h("li", null, h("a", { href }, centre.name), " ",
    h("small", null, `${t(`centre_type_${centre.type}`)} · ${t(`role_${role}`)}`));
}

productHome(() => {
  if (!mine.length) return [h("p", null, t("today_no_membership")), toProfile(t("today_candidate"))];
  return [h("p", null, t("centres_intro")), h("ul", { class: "centres" }, mine.map(centreItem))];
}, async () => {
  mine = (await api("/api/certif/me/centres", { auth: true })).centres;
});
