// SPDX-License-Identifier: GPL-3.0-or-later
//
// First-run seeding: one merchant with its credentials and shop, one directory API key,
// and with --demo a whole bakery: products, customers' orders, paid payouts, a listing
// and its showcase.

#define G_LOG_DOMAIN "comptoir-sandbox"

#include "sandbox.h"

#include <string.h>

static const char demo_shop[] =
  "{\"name\":\"Boulangerie du Lavoir\","
  "\"description\":\"Pains au levain, viennoiseries pur beurre et pâtisseries maison depuis 1987.\","
  "\"phone\":\"+33 5 55 12 34 56\",\"email\":\"contact@boulangerie-du-lavoir.fr\",\"website\":null,"
  "\"address\":{\"street\":\"2 place du Lavoir\",\"postal_code\":\"23200\",\"city\":\"Aubusson\",\"country\":\"FR\"},"
  "\"logo\":null,\"cover\":null,"
  "\"opening_hours\":["
  "{\"day\":\"tuesday\",\"opens\":\"07:00\",\"closes\":\"13:00\"},{\"day\":\"tuesday\",\"opens\":\"15:30\",\"closes\":\"19:00\"},"
  "{\"day\":\"wednesday\",\"opens\":\"07:00\",\"closes\":\"13:00\"},{\"day\":\"thursday\",\"opens\":\"07:00\",\"closes\":\"13:00\"},"
  "{\"day\":\"friday\",\"opens\":\"07:00\",\"closes\":\"19:00\"},{\"day\":\"saturday\",\"opens\":\"06:30\",\"closes\":\"19:00\"},"
  "{\"day\":\"sunday\",\"opens\":\"07:00\",\"closes\":\"12:30\"}],"
  "\"special_hours\":[{\"date\":\"2026-12-25\",\"closed\":true}],"
  "\"click_and_collect\":true,"
  "\"delivery\":{\"enabled\":true,\"radius_km\":10,\"fee_cents\":300,\"free_above_cents\":3000}}";

static const char * const demo_products[] = {
  "{\"name\":\"Pain de campagne\",\"description\":\"Levain naturel, farine T80 du moulin de Saint-Amand.\","
  "\"price_cents\":420,\"vat_rate\":550,\"stock\":12,\"unit\":\"piece\",\"category\":\"Pains\",\"gtin\":null,"
  "\"sku\":\"PAIN-CAMP\",\"photos\":[],\"options\":[],\"variants\":[],\"published\":true}",
  "{\"name\":\"Baguette tradition\",\"description\":null,\"price_cents\":120,\"vat_rate\":550,\"stock\":null,"
  "\"unit\":\"piece\",\"category\":\"Pains\",\"gtin\":null,\"sku\":\"TRADI\",\"photos\":[],\"options\":[],"
  "\"variants\":[],\"published\":true}",
  "{\"name\":\"Croissant pur beurre\",\"description\":null,\"price_cents\":110,\"vat_rate\":550,\"stock\":40,"
  "\"unit\":\"piece\",\"category\":\"Viennoiseries\",\"gtin\":null,\"sku\":\"CROISS\",\"photos\":[],\"options\":[],"
  "\"variants\":[],\"published\":true}",
  "{\"name\":\"Tarte aux pommes\",\"description\":\"Pommes du Limousin, pâte brisée maison.\",\"price_cents\":1450,"
  "\"vat_rate\":550,\"stock\":null,\"unit\":\"piece\",\"category\":\"Pâtisseries\",\"gtin\":null,\"sku\":\"TARTE-POM\","
  "\"photos\":[],\"options\":[{\"name\":\"Taille\",\"values\":[\"4 parts\",\"6 parts\"]}],"
  "\"variants\":[{\"option_values\":[\"4 parts\"],\"price_cents\":1450,\"stock\":3,\"sku\":\"TARTE-POM-4\"},"
  "{\"option_values\":[\"6 parts\"],\"price_cents\":2100,\"stock\":2,\"sku\":\"TARTE-POM-6\"}],\"published\":true}",
  "{\"name\":\"Farine de sarrasin\",\"description\":\"Moulue sur meule de pierre.\",\"price_cents\":380,\"vat_rate\":550,"
  "\"stock\":8,\"unit\":\"kg\",\"category\":\"Épicerie\",\"gtin\":\"3760001230006\",\"sku\":\"FAR-SARR\",\"photos\":[],"
  "\"options\":[],\"variants\":[],\"published\":true}",
  "{\"name\":\"Jus de pomme artisanal\",\"description\":null,\"price_cents\":450,\"vat_rate\":550,\"stock\":20,"
  "\"unit\":\"litre\",\"category\":\"Boissons\",\"gtin\":null,\"sku\":\"JUS-POM\",\"photos\":[],\"options\":[],"
  "\"variants\":[],\"published\":true}",
  NULL
};

static const char demo_listing[] =
  "{\"@context\":\"https://schema.org\",\"@type\":\"Bakery\",\"name\":\"Boulangerie du Lavoir\","
  "\"description\":\"Pains au levain et viennoiseries pur beurre depuis 1987.\","
  "\"address\":{\"@type\":\"PostalAddress\",\"streetAddress\":\"2 place du Lavoir\",\"postalCode\":\"23200\","
  "\"addressLocality\":\"Aubusson\",\"addressCountry\":\"FR\"},"
  "\"geo\":{\"@type\":\"GeoCoordinates\",\"latitude\":45.9561,\"longitude\":2.1686},"
  "\"telephone\":\"+33 5 55 12 34 56\",\"email\":\"contact@boulangerie-du-lavoir.fr\","
  "\"sameAs\":[\"https://www.facebook.com/boulangeriedulavoir\"],"
  "\"openingHoursSpecification\":[{\"@type\":\"OpeningHoursSpecification\","
  "\"dayOfWeek\":[\"Tuesday\",\"Wednesday\",\"Thursday\",\"Friday\",\"Saturday\"],\"opens\":\"07:00\",\"closes\":\"13:00\"}],"
  "\"specialOpeningHoursSpecification\":[{\"@type\":\"OpeningHoursSpecification\",\"validFrom\":\"2026-12-25\","
  "\"validThrough\":\"2026-12-25\",\"opens\":\"00:00\",\"closes\":\"00:00\"}]}";

static const char * const demo_offers[][2] = {
  { "Pain de campagne", "4.20" },
  { "Croissant pur beurre", "1.10" },
  { "Tarte aux pommes", "14.50" },
};

static void
save_json (Sandbox    *sb,
           const char *scope,
           const char *kind,
           const char *json,
           const char *id)
{
  g_autoptr(JsonObject) o = sandbox_parse_object (json);

  g_assert (o != NULL);
  json_object_set_string_member (o, json_object_has_member (o, "@context") ? "identifier" : "id", id);
  sandbox_obj_save (sb, scope, kind, o);
}

static void
demo_order (Sandbox    *sb,
            const char *merchant,
            const char *state,
            int         days_ago,
            gboolean    delivery)
{
  g_autoptr(JsonObject) spec = json_object_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) placed = g_date_time_add_days (now, -days_ago);
  g_autofree char *placed_s = g_date_time_format_iso8601 (placed);
  g_autoptr(JsonObject) order = NULL;

  json_object_set_string_member (spec, "state", state);
  json_object_set_string_member (spec, "placed_at", placed_s);
  json_object_set_string_member (spec, "fulfilment", delivery ? "delivery" : "click_and_collect");
  if (days_ago == 0)
    json_object_set_string_member (spec, "note", "Bien cuite, s'il vous plaît !");
  order = sandbox_order_create (sb, merchant, spec, NULL);
}

void
sandbox_marketplace_seed (Sandbox  *sb,
                          gboolean  demo)
{
  g_autofree char *existing = sandbox_db_get_setting (sb, "merchant_id");
  const char *merchant = "mrc_1";
  g_autofree char *password = NULL;
  sqlite3_stmt *stmt;
  g_autoptr(JsonObject) payout1 = NULL;
  g_autoptr(JsonObject) payout2 = NULL;

  if (existing != NULL)
    return;
  password = g_uuid_string_random ();
  stmt = sandbox_db_prepare (sb, "INSERT INTO merchants VALUES (?, ?, ?)");
  sqlite3_bind_text (stmt, 1, merchant, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, demo ? "contact@boulangerie-du-lavoir.fr" : "merchant@sandbox.test", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, password, -1, SQLITE_TRANSIENT);
  sandbox_db_step (sb, stmt);
  sqlite3_finalize (stmt);
  sandbox_db_set_setting (sb, "merchant_id", merchant);

  if (!demo)
    {
      save_json (sb, merchant, "shop", "{\"name\":\"Sandbox shop\",\"description\":null,\"phone\":null,"
                 "\"email\":null,\"website\":null,\"address\":null,\"logo\":null,\"cover\":null,"
                 "\"opening_hours\":[],\"special_hours\":[],\"click_and_collect\":true,"
                 "\"delivery\":{\"enabled\":false}}", merchant);
      return;
    }

  save_json (sb, merchant, "shop", demo_shop, merchant);
  for (guint i = 0; demo_products[i] != NULL; i++)
    {
      g_autofree char *id = g_strdup_printf ("prd_demo%u", i + 1);
      save_json (sb, merchant, "product", demo_products[i], id);
    }
  /* Two past weeks paid out, then orders in every state. */
  for (int d = 14; d >= 11; d--)
    demo_order (sb, merchant, "completed", d, d % 2 == 0);
  payout1 = sandbox_payout_run (sb, merchant, "paid");
  for (int d = 7; d >= 5; d--)
    demo_order (sb, merchant, "completed", d, FALSE);
  payout2 = sandbox_payout_run (sb, merchant, "paid");
  demo_order (sb, merchant, "completed", 2, TRUE);
  demo_order (sb, merchant, "rejected", 2, FALSE);
  demo_order (sb, merchant, "cancelled", 1, FALSE);
  demo_order (sb, merchant, "ready", 1, FALSE);
  demo_order (sb, merchant, "accepted", 0, TRUE);
  demo_order (sb, merchant, "new", 0, FALSE);
  demo_order (sb, merchant, "new", 0, TRUE);
}

/* --seed-orders N: N more orders at start-up, in every state, in one
 * transaction (benchmarks pull tens of thousands). The demo products are
 * added first when the shop has none. */
void
sandbox_orders_seed (Sandbox *sb,
                     guint    n)
{
  static const char * const states[] = { "new", "accepted", "ready", "completed", "rejected", "cancelled" };
  g_autofree char *merchant = sandbox_db_get_setting (sb, "merchant_id");
  sqlite3_stmt *stmt;
  gboolean has_products;

  if (n == 0 || merchant == NULL)
    return;
  sandbox_db_exec (sb, "BEGIN");
  stmt = sandbox_db_prepare (sb, "SELECT 1 FROM objects WHERE scope = ? AND kind = 'product' LIMIT 1");
  sqlite3_bind_text (stmt, 1, merchant, -1, SQLITE_TRANSIENT);
  has_products = sandbox_db_step (sb, stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  for (guint i = 0; !has_products && demo_products[i] != NULL; i++)
    {
      g_autofree char *id = g_strdup_printf ("prd_demo%u", i + 1);
      save_json (sb, merchant, "product", demo_products[i], id);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonObject) spec = json_object_new ();
      g_autoptr(JsonObject) order = NULL;

      json_object_set_string_member (spec, "state", states[i % G_N_ELEMENTS (states)]);
      json_object_set_string_member (spec, "fulfilment", i % 3 == 0 ? "delivery" : "click_and_collect");
      order = sandbox_order_create (sb, merchant, spec, NULL);
    }
  sandbox_db_exec (sb, "COMMIT");
}

void
sandbox_directory_seed (Sandbox  *sb,
                        gboolean  demo)
{
  g_autofree char *existing = sandbox_db_get_setting (sb, "listing_id");
  const char *listing = "lst_1";
  g_autofree char *uuid = NULL;
  g_autofree char *key = NULL;
  sqlite3_stmt *stmt;

  if (existing != NULL)
    return;
  uuid = g_uuid_string_random ();
  key = g_strconcat ("dk_", uuid, NULL);
  stmt = sandbox_db_prepare (sb, "INSERT INTO api_keys VALUES (?, ?, 0)");
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, listing, -1, SQLITE_STATIC);
  sandbox_db_step (sb, stmt);
  sqlite3_finalize (stmt);
  sandbox_db_set_setting (sb, "listing_id", listing);
  sandbox_db_set_setting (sb, "directory_api_key", key);
  if (!demo)
    return;

  {
    g_autoptr(JsonObject) doc = sandbox_parse_object (demo_listing);
    g_autofree char *at_id = g_strdup_printf ("%s%s/listing", sb->origin, SANDBOX_DIRECTORY_PREFIX);

    json_object_set_string_member (doc, "@id", at_id);
    json_object_set_string_member (doc, "identifier", listing);
    sandbox_obj_save (sb, listing, "listing", doc);
    sandbox_listing_moderate (sb, listing, TRUE, NULL);
  }
  for (guint i = 0; i < G_N_ELEMENTS (demo_offers); i++)
    {
      g_autoptr(JsonObject) offer = json_object_new ();
      JsonObject *item = json_object_new ();
      g_autofree char *id = g_strdup_printf ("off_demo%u", i + 1);
      g_autofree char *at_id = g_strdup_printf ("%s%s/offers/%s", sb->origin, SANDBOX_DIRECTORY_PREFIX, id);

      json_object_set_string_member (offer, "@context", "https://schema.org");
      json_object_set_string_member (offer, "@type", "Offer");
      json_object_set_string_member (offer, "@id", at_id);
      json_object_set_string_member (offer, "identifier", id);
      json_object_set_string_member (offer, "price", demo_offers[i][1]);
      json_object_set_string_member (offer, "priceCurrency", "EUR");
      json_object_set_string_member (offer, "availability", "https://schema.org/InStock");
      json_object_set_string_member (item, "@type", "Product");
      json_object_set_string_member (item, "name", demo_offers[i][0]);
      json_object_set_object_member (offer, "itemOffered", item);
      sandbox_obj_save (sb, listing, "offer", offer);
    }
}
