// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-shop-jsonld"

#include <string.h>

#include "comptoir-shop-jsonld.h"
#include "comptoir-shop-markup.h"

/* The shop as schema.org JSON-LD: what the exported page embeds and what
 * the directory connector sends. It depends on nothing but the shop (no
 * locale, no clock, no store), so the same shop always gives the same
 * document. */

static const char *day_iris[7] = {
  "https://schema.org/Monday", "https://schema.org/Tuesday", "https://schema.org/Wednesday",
  "https://schema.org/Thursday", "https://schema.org/Friday", "https://schema.org/Saturday",
  "https://schema.org/Sunday",
};

/**
 * comptoir_shop_schema_type:
 * @category: a shop category identifier
 *
 * Returns: the most precise schema.org type for @category, LocalBusiness
 *   when there is none.
 */
const char *
comptoir_shop_schema_type (const char *category)
{
  static const struct { const char *category; const char *type; } types[] = {
    { "bakery", "Bakery" },
    { "butcher", "ButcherShop" },
    { "florist", "Florist" },
    { "bookshop", "BookStore" },
    { "grocery", "GroceryStore" },
    { "clothing", "ClothingStore" },
    { "hardware", "HardwareStore" },
    { "restaurant", "Restaurant" },
    { "producer", "Store" },
    { "crafts", "Store" },
    { "services", "ProfessionalService" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_strcmp0 (category, types[i].category) == 0)
      return types[i].type;
  return "LocalBusiness";
}

/**
 * comptoir_shop_media_url:
 * @media_base_url: where images are published, without trailing slash
 * @hash: a media hash
 *
 * Returns: (transfer full): “@media_base_url/@hash.jpg”: images are
 *   content-addressed JPEG files.
 */
char *
comptoir_shop_media_url (const char *media_base_url,
                         const char *hash)
{
  gsize len = strlen (media_base_url);

  while (len > 0 && media_base_url[len - 1] == '/')
    len--;
  return g_strdup_printf ("%.*s/%s.jpg", (int) len, media_base_url, hash);
}

static void
set_if_not_empty (JsonObject *object,
                  const char *member,
                  const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (object, member, value);
}

static char *
hhmm (guint minutes)
{
  return g_strdup_printf ("%02u:%02u", minutes / 60, minutes % 60);
}

static JsonObject *
hours_spec (const char *day_iri,
            guint       open,
            guint       close)
{
  JsonObject *spec = json_object_new ();
  g_autofree char *opens = hhmm (open);
  /* “until midnight” (00:00 or 24:00) is 23:59 in schema.org: 00:00 would
   * mean closed. */
  g_autofree char *closes = close == 0 || close >= 24 * 60 ? g_strdup ("23:59") : hhmm (close);

  json_object_set_string_member (spec, "@type", "OpeningHoursSpecification");
  if (day_iri != NULL)
    json_object_set_string_member (spec, "dayOfWeek", day_iri);
  json_object_set_string_member (spec, "opens", opens);
  json_object_set_string_member (spec, "closes", closes);
  return spec;
}

static char *
iso_date (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

static void
add_special (JsonArray   *array,
             const GDate *from,
             const GDate *to,
             guint        open,
             guint        close)
{
  JsonObject *spec = hours_spec (NULL, open, close);
  g_autofree char *valid_from = iso_date (from);
  g_autofree char *valid_through = iso_date (to);

  if (open == 0 && close == 0)
    json_object_set_string_member (spec, "closes", "00:00"); /* closed all day */
  json_object_set_string_member (spec, "validFrom", valid_from);
  json_object_set_string_member (spec, "validThrough", valid_through);
  json_array_add_object_element (array, spec);
}

static void
add_opening_hours (JsonObject                 *root,
                   const ComptoirOpeningHours *hours)
{
  JsonArray *weekly = json_array_new ();
  JsonArray *special = json_array_new ();

  for (GDateWeekday day = G_DATE_MONDAY; day <= G_DATE_SUNDAY; day++)
    {
      guint n;
      const ComptoirTimeRange *ranges = comptoir_opening_hours_get_ranges (hours, day, &n);

      for (guint i = 0; i < n; i++)
        {
          gboolean past_midnight = ranges[i].close != 0 && ranges[i].close <= ranges[i].open;

          /* A range past midnight is split: Saturday 19:00–23:59 and
           * Sunday 00:00–02:00. */
          json_array_add_object_element (weekly, hours_spec (day_iris[day - 1], ranges[i].open,
                                                             past_midnight ? 0 : ranges[i].close));
          if (past_midnight)
            json_array_add_object_element (weekly, hours_spec (day_iris[day % 7], 0, ranges[i].close));
        }
    }

  for (guint e = 0; e < comptoir_opening_hours_get_n_exceptions (hours); e++)
    {
      const ComptoirHoursException *exception = comptoir_opening_hours_get_exception (hours, e);

      if (exception->closed)
        {
          add_special (special, &exception->from, &exception->to, 0, 0);
          continue;
        }
      for (guint i = 0; i < exception->ranges->len; i++)
        {
          const ComptoirTimeRange *range = &g_array_index (exception->ranges, ComptoirTimeRange, i);
          gboolean past_midnight = range->close != 0 && range->close <= range->open;

          add_special (special, &exception->from, &exception->to, range->open,
                       past_midnight ? 0 : range->close);
          if (past_midnight)
            {
              GDate from = exception->from, to = exception->to;

              g_date_add_days (&from, 1);
              g_date_add_days (&to, 1);
              add_special (special, &from, &to, 0, range->close);
              /* 00:00–00:00 would read as a closure: never emitted, as
               * close is never 0 here. */
            }
        }
    }

  if (json_array_get_length (weekly) > 0)
    json_object_set_array_member (root, "openingHoursSpecification", weekly);
  else
    json_array_unref (weekly);
  if (json_array_get_length (special) > 0)
    json_object_set_array_member (root, "specialOpeningHoursSpecification", special);
  else
    json_array_unref (special);
}

static JsonObject *
price_spec (const char *type,
            gint64      cents)
{
  JsonObject *spec = json_object_new ();
  g_autofree char *price = g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", cents / 100, (int) (cents % 100));

  json_object_set_string_member (spec, "@type", type);
  json_object_set_string_member (spec, "price", price);
  json_object_set_string_member (spec, "priceCurrency", "EUR");
  return spec;
}

static JsonObject *
service_offer (const char *name,
               const char *delivery_method)
{
  JsonObject *offer = json_object_new ();
  JsonObject *service = json_object_new ();

  json_object_set_string_member (offer, "@type", "Offer");
  json_object_set_string_member (service, "@type", "Service");
  json_object_set_string_member (service, "name", name);
  json_object_set_object_member (offer, "itemOffered", service);
  json_object_set_string_member (offer, "availableDeliveryMethod", delivery_method);
  return offer;
}

static void
add_services (JsonObject   *root,
              ComptoirShop *shop,
              JsonObject   *address)
{
  JsonArray *offers = json_array_new ();
  const char * const *methods = comptoir_shop_get_payment_methods (shop);
  /* paymentAccepted is free text: fixed words, not the merchant's locale. */
  static const struct { const char *id; const char *text; } payment_text[] = {
    { "card", "Credit Card" },
    { "cash", "Cash" },
    { "cheque", "Cheque" },
    { "meal_voucher", "Titre-restaurant" },
    { "holiday_voucher", "Chèque-Vacances" },
    { "local_currency", "Monnaie locale" },
    { "transfer", "Bank transfer" },
  };
  g_autoptr(GPtrArray) accepted = g_ptr_array_new ();

  if (comptoir_shop_get_click_and_collect (shop))
    json_array_add_object_element (offers, service_offer ("Click & Collect",
                                                          "http://purl.org/goodrelations/v1#DeliveryModePickUp"));
  if (comptoir_shop_get_delivery (shop))
    {
      JsonObject *offer = service_offer ("Local delivery", "http://purl.org/goodrelations/v1#DeliveryModeOwnFleet");
      JsonArray *charges = json_array_new ();
      const char * const *communes = comptoir_shop_get_delivery_communes (shop);
      guint radius = comptoir_shop_get_delivery_radius_km (shop);
      gint64 free_above = comptoir_shop_get_delivery_free_above_cents (shop);

      json_array_add_object_element (charges, price_spec ("DeliveryChargeSpecification",
                                                          comptoir_shop_get_delivery_fee_cents (shop)));
      if (free_above > 0)
        {
          JsonObject *free_spec = price_spec ("DeliveryChargeSpecification", 0);
          JsonObject *volume = price_spec ("PriceSpecification", free_above);

          json_object_remove_member (volume, "price");
          {
            g_autofree char *min = g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", free_above / 100, (int) (free_above % 100));
            json_object_set_string_member (volume, "minPrice", min);
          }
          json_object_set_object_member (free_spec, "eligibleTransactionVolume", volume);
          json_array_add_object_element (charges, free_spec);
        }
      json_object_set_array_member (offer, "priceSpecification", charges);

      if (radius > 0)
        {
          JsonObject *circle = json_object_new ();
          JsonObject *midpoint = json_object_new ();

          json_object_set_string_member (circle, "@type", "GeoCircle");
          json_object_set_string_member (midpoint, "@type", "GeoCoordinates");
          json_object_set_object_member (midpoint, "address", json_object_ref (address));
          json_object_set_object_member (circle, "geoMidpoint", midpoint);
          json_object_set_int_member (circle, "geoRadius", (gint64) radius * 1000);
          json_object_set_object_member (offer, "areaServed", circle);
        }
      else if (communes != NULL && communes[0] != NULL)
        {
          JsonArray *cities = json_array_new ();

          for (guint i = 0; communes[i]; i++)
            {
              JsonObject *city = json_object_new ();

              json_object_set_string_member (city, "@type", "City");
              json_object_set_string_member (city, "name", communes[i]);
              json_array_add_object_element (cities, city);
            }
          json_object_set_array_member (offer, "areaServed", cities);
        }
      json_array_add_object_element (offers, offer);
    }
  if (comptoir_shop_get_shipping (shop))
    json_array_add_object_element (offers, service_offer ("Shipping",
                                                          "http://purl.org/goodrelations/v1#DeliveryModeMail"));

  if (json_array_get_length (offers) > 0)
    json_object_set_array_member (root, "makesOffer", offers);
  else
    json_array_unref (offers);

  for (guint i = 0; i < G_N_ELEMENTS (payment_text); i++)
    if (g_strv_contains (methods, payment_text[i].id))
      g_ptr_array_add (accepted, (gpointer) payment_text[i].text);
  if (accepted->len > 0)
    {
      g_autofree char *text = NULL;

      g_ptr_array_add (accepted, NULL);
      text = g_strjoinv (", ", (char **) accepted->pdata);
      json_object_set_string_member (root, "paymentAccepted", text);
      json_object_set_string_member (root, "currenciesAccepted", "EUR");
    }
}

/**
 * comptoir_shop_to_json_ld:
 * @shop: the shop
 * @media_base_url: (nullable): where the logo and cover images are
 *   published (see comptoir_shop_media_url()); without it no image is
 *   given
 *
 * Describes @shop as a schema.org LocalBusiness (or the subtype of its
 * category, see comptoir_shop_schema_type()): name, slogan, description
 * (plain text), PostalAddress in FR, telephone (E.164), email, url, sameAs
 * (social links), identifier (SIRET), openingHoursSpecification (one entry
 * per day and range, dayOfWeek as https://schema.org/Monday…, opens and
 * closes as HH:MM; a range past midnight is split at midnight, “until
 * midnight” closes at 23:59), specialOpeningHoursSpecification (validFrom
 * and validThrough; a closure is opens = closes = 00:00), logo, image,
 * makesOffer (click & collect, local delivery with its fee and area,
 * shipping) and paymentAccepted. Empty fields are left out.
 *
 * This is the document the directory connector sends.
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
comptoir_shop_to_json_ld (ComptoirShop *shop,
                          const char   *media_base_url)
{
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonObject) address = json_object_new ();
  g_autofree char *description = NULL;
  const char * const *links;
  const char *siret;

  g_return_val_if_fail (COMPTOIR_IS_SHOP (shop), NULL);

  json_object_set_string_member (root, "@context", "https://schema.org");
  json_object_set_string_member (root, "@type", comptoir_shop_schema_type (comptoir_shop_get_category (shop)));
  json_object_set_string_member (root, "name", comptoir_shop_get_name (shop));
  set_if_not_empty (root, "slogan", comptoir_shop_get_tagline (shop));
  description = comptoir_markup_to_plain (comptoir_shop_get_description (shop));
  set_if_not_empty (root, "description", description);

  json_object_set_string_member (address, "@type", "PostalAddress");
  set_if_not_empty (address, "streetAddress", comptoir_shop_get_street (shop));
  set_if_not_empty (address, "postalCode", comptoir_shop_get_postcode (shop));
  set_if_not_empty (address, "addressLocality", comptoir_shop_get_city (shop));
  json_object_set_string_member (address, "addressCountry", "FR");
  json_object_set_object_member (root, "address", json_object_ref (address));

  set_if_not_empty (root, "telephone", comptoir_shop_get_phone (shop));
  set_if_not_empty (root, "email", comptoir_shop_get_email (shop));
  set_if_not_empty (root, "url", comptoir_shop_get_website (shop));

  links = comptoir_shop_get_social_links (shop);
  if (links != NULL && links[0] != NULL)
    {
      JsonArray *same_as = json_array_new ();

      for (guint i = 0; links[i]; i++)
        json_array_add_string_element (same_as, links[i]);
      json_object_set_array_member (root, "sameAs", same_as);
    }

  siret = comptoir_shop_get_siret (shop);
  if (*siret != '\0')
    {
      JsonObject *identifier = json_object_new ();

      json_object_set_string_member (identifier, "@type", "PropertyValue");
      json_object_set_string_member (identifier, "propertyID", "SIRET");
      json_object_set_string_member (identifier, "value", siret);
      json_object_set_object_member (root, "identifier", identifier);
    }

  add_opening_hours (root, comptoir_shop_get_opening_hours (shop));

  if (media_base_url != NULL)
    {
      const char *logo = comptoir_shop_get_logo_hash (shop);
      const char *cover = comptoir_shop_get_cover_hash (shop);

      if (*logo != '\0')
        {
          g_autofree char *url = comptoir_shop_media_url (media_base_url, logo);
          json_object_set_string_member (root, "logo", url);
        }
      if (*cover != '\0')
        {
          g_autofree char *url = comptoir_shop_media_url (media_base_url, cover);
          json_object_set_string_member (root, "image", url);
        }
    }

  add_services (root, shop, address);

  return json_node_init_object (json_node_alloc (), root);
}
