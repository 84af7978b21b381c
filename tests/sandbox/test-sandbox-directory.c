// SPDX-License-Identifier: GPL-3.0-or-later
//
// The directory API of comptoir-sandbox: API keys, the listing and its moderation,
// offers and media.

#define G_LOG_DOMAIN "test-sandbox"

#include "test-sandbox-utils.h"

void sandbox_add_directory_tests (void);

static const char listing_json[] =
  "{\"@context\":\"https://schema.org\",\"@type\":\"Florist\",\"name\":\"Fleurs de Felletin\","
  "\"address\":{\"@type\":\"PostalAddress\",\"streetAddress\":\"1 rue Reine Marie\",\"postalCode\":\"23500\","
  "\"addressLocality\":\"Felletin\",\"addressCountry\":\"FR\"},"
  "\"geo\":{\"@type\":\"GeoCoordinates\",\"latitude\":45.88,\"longitude\":2.17},"
  "\"telephone\":\"+33 5 55 66 77 88\",\"email\":\"fleurs@example.org\",\"url\":\"https://fleurs.example.org\","
  "\"sameAs\":[\"https://www.instagram.com/fleurs\"],\"logo\":\"https://fleurs.example.org/logo.png\","
  "\"image\":[\"https://fleurs.example.org/a.jpg\"],"
  "\"openingHoursSpecification\":[{\"@type\":\"OpeningHoursSpecification\",\"dayOfWeek\":[\"Monday\",\"https://schema.org/Tuesday\"],"
  "\"opens\":\"09:00\",\"closes\":\"12:30\"}],"
  "\"specialOpeningHoursSpecification\":[{\"@type\":\"OpeningHoursSpecification\",\"validFrom\":\"2026-08-10\","
  "\"validThrough\":\"2026-08-20\",\"opens\":\"00:00\",\"closes\":\"00:00\"}]}";

static void
test_directory (void)
{
  Box *box = box_start (NULL);
  const char *key = box->api_key;
  g_autofree char *offer_id = NULL;
  g_autofree char *offer_path = NULL;
  g_autofree char *revoke = g_strdup_printf ("{\"api_key\":\"%s\"}", key);
  JsonObject *o;
  Resp *r;

  r = call (box, "GET", box->dir, "/listing", NULL, NULL, NULL);
  assert_problem (r, 401, "api-key-invalid");
  resp_free (r);
  r = call (box, "GET", box->dir, "/listing", "dk_wrong", NULL, NULL);
  assert_problem (r, 401, "api-key-invalid");
  resp_free (r);
  r = call (box, "GET", box->dir, "/listing", key, NULL, NULL);
  assert_problem (r, 404, "not-found");
  resp_free (r);
  control (box, "/_sandbox/listing/publish", NULL, 404);

  r = call (box, "PUT", box->dir, "/listing", key, listing_json, NULL);
  assert_status (r, 201);
  g_assert_cmpstr (soup_message_headers_get_content_type (r->headers, NULL), ==, "application/ld+json");
  g_assert_cmpstr (str (r, "@type"), ==, "Florist");
  g_assert_cmpstr (header (r, "ETag"), ==, "\"1\"");
  resp_free (r);
  r = call (box, "GET", box->dir, "/listing/moderation", key, NULL, NULL);
  assert_status (r, 200);
  g_assert_cmpstr (str (r, "state"), ==, "pending");
  resp_free (r);

  o = control (box, "/_sandbox/listing/reject", "{\"reason\":\"Ajoutez une photo\"}", 200);
  json_object_unref (o);
  r = call (box, "GET", box->dir, "/listing/moderation", key, NULL, NULL);
  g_assert_cmpstr (str (r, "state"), ==, "rejected");
  g_assert_cmpstr (str (r, "reason"), ==, "Ajoutez une photo");
  resp_free (r);

  r = call (box, "PUT", box->dir, "/listing", key, listing_json, "If-Match", "\"7\"", NULL);
  assert_problem (r, 412, "version-mismatch");
  resp_free (r);
  r = call (box, "PUT", box->dir, "/listing", key, listing_json, "If-Match", "\"1\"", NULL);
  assert_status (r, 200);
  resp_free (r);
  r = call (box, "GET", box->dir, "/listing/moderation", key, NULL, NULL);
  g_assert_cmpstr (str (r, "state"), ==, "pending");
  g_assert_cmpint (json_object_get_int_member (obj (r), "listing_version"), ==, 2);
  resp_free (r);
  o = control (box, "/_sandbox/listing/publish", NULL, 200);
  g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "published");
  json_object_unref (o);

  r = call (box, "PUT", box->dir, "/listing", key,
            "{\"@context\":\"https://schema.org\",\"@type\":\"Spaceport\",\"name\":\"X\","
            "\"address\":{\"@type\":\"PostalAddress\",\"streetAddress\":\"x\",\"postalCode\":\"ABC\",\"addressLocality\":\"Y\",\"addressCountry\":\"BE\"},"
            "\"geo\":{\"@type\":\"GeoCoordinates\",\"latitude\":95,\"longitude\":2},"
            "\"openingHoursSpecification\":[{\"@type\":\"OpeningHoursSpecification\",\"dayOfWeek\":\"Caturday\",\"opens\":\"9h\",\"closes\":\"12:00\"}]}",
            NULL);
  assert_field_error (r, "@type", "invalid_value");
  assert_field_error (r, "address.postalCode", "invalid_format");
  assert_field_error (r, "address.addressCountry", "invalid_value");
  assert_field_error (r, "geo.latitude", "out_of_range");
  assert_field_error (r, "openingHoursSpecification[0].dayOfWeek", "invalid_value");
  assert_field_error (r, "openingHoursSpecification[0].opens", "invalid_format");
  resp_free (r);

  /* Offers: prices are decimal strings with two decimals. */
  r = call (box, "POST", box->dir, "/offers", key,
            "{\"@context\":\"https://schema.org\",\"@type\":\"Offer\",\"price\":\"12.50\",\"priceCurrency\":\"EUR\","
            "\"eligibleQuantity\":{\"@type\":\"QuantitativeValue\",\"value\":1,\"unitCode\":\"KGM\"},"
            "\"itemOffered\":{\"@type\":\"Product\",\"name\":\"Bouquet\",\"gtin\":\"4006381333931\"}}", NULL);
  assert_status (r, 201);
  offer_id = g_strdup (str (r, "identifier"));
  g_assert_cmpstr (str (r, "price"), ==, "12.50");
  g_assert_cmpstr (str (r, "availability"), ==, "https://schema.org/InStock");
  g_assert_cmpstr (header (r, "Location"), ==, str (r, "@id"));
  resp_free (r);
  offer_path = g_strconcat ("/offers/", offer_id, NULL);
  r = call (box, "GET", box->dir, offer_path, key, NULL, NULL);
  assert_status (r, 200);
  g_assert_cmpstr (header (r, "ETag"), ==, "\"1\"");
  resp_free (r);
  for (const char * const *bad = (const char *[]) { "\"12.5\"", "12.5", "\"12,50\"", "\"012.50\"", NULL }; *bad; bad++)
    {
      g_autofree char *json = g_strdup_printf ("{\"@context\":\"https://schema.org\",\"@type\":\"Offer\",\"price\":%s,"
                                               "\"priceCurrency\":\"EUR\",\"itemOffered\":{\"@type\":\"Product\",\"name\":\"B\"}}", *bad);
      r = call (box, "PUT", box->dir, offer_path, key, json, NULL);
      assert_problem (r, 422, "validation-failed");
      resp_free (r);
    }
  r = call (box, "PUT", box->dir, offer_path, key,
            "{\"@context\":\"https://schema.org\",\"@type\":\"Offer\",\"price\":\"0.05\",\"priceCurrency\":\"EUR\","
            "\"availability\":\"https://schema.org/OutOfStock\",\"itemOffered\":{\"@type\":\"Product\",\"name\":\"Brin\"}}",
            "If-Match", "\"1\"", NULL);
  assert_status (r, 200);
  g_assert_cmpint (json_object_get_int_member (obj (r), "version"), ==, 2);
  resp_free (r);
  r = call (box, "GET", box->dir, "/offers?limit=1", key, NULL, NULL);
  assert_status (r, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (r), "items")), ==, 1);
  g_assert_true (json_object_get_null_member (obj (r), "next_cursor"));
  resp_free (r);
  r = call (box, "DELETE", box->dir, offer_path, key, NULL, "If-Match", "\"1\"", NULL);
  assert_problem (r, 412, "version-mismatch");
  resp_free (r);
  r = call (box, "DELETE", box->dir, offer_path, key, NULL, NULL);
  assert_status (r, 204);
  resp_free (r);
  r = call (box, "GET", box->dir, offer_path, key, NULL, NULL);
  assert_problem (r, 404, "not-found");
  resp_free (r);

  g_free (upload_png (box, box->dir, key, NULL));

  control (box, "/_sandbox/revoke", revoke, 204);
  r = call (box, "GET", box->dir, "/listing", key, NULL, NULL);
  assert_problem (r, 401, "api-key-invalid");
  resp_free (r);
  box_stop (box);
}

void
sandbox_add_directory_tests (void)
{
  g_test_add_func ("/sandbox/directory", test_directory);
}
