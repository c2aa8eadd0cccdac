// Pix Orga's home. Memberships come with the organisations room (a later issue); until it exists nobody is a
// member of an organisation, so the page says so and how to join. Read them here once the room has its route.
import { productHome, toProfile } from "../product.js";
import { h, t } from "../ui.js";

productHome(() => [h("p", null, t("today_no_membership")), toProfile(t("today_participant"))]);
