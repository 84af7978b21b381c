// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-shop"

#include "comptoir-i18n.h"

#include <json-glib/json-glib.h>

#include "comptoir-error.h"
#include "comptoir-money.h"
#include "comptoir-shop.h"
#include "comptoir-shop-private.h"
#include "comptoir-store-private.h"

/* The shop profile: one row of the shop table. Opening hours, services and
 * social links are JSON documents in their columns, read and written here
 * only. */

enum {
  PROP_0,
  /* text properties, in the order of the strings[] array */
  PROP_NAME,
  PROP_TAGLINE,
  PROP_DESCRIPTION,
  PROP_CATEGORY,
  PROP_STREET,
  PROP_POSTCODE,
  PROP_CITY,
  PROP_PHONE,
  PROP_EMAIL,
  PROP_WEBSITE,
  PROP_SIRET,
  PROP_LOGO_HASH,
  PROP_COVER_HASH,
  PROP_UPDATED_AT,
  PROP_SOCIAL_LINKS,
  PROP_OPENING_HOURS,
  PROP_CLICK_AND_COLLECT,
  PROP_DELIVERY,
  PROP_DELIVERY_COMMUNES,
  PROP_DELIVERY_RADIUS_KM,
  PROP_DELIVERY_FEE_CENTS,
  PROP_DELIVERY_FREE_ABOVE_CENTS,
  PROP_SHIPPING,
  PROP_PAYMENT_METHODS,
  N_PROPS
};

#define N_STRINGS (PROP_UPDATED_AT - PROP_NAME + 1)

struct _ComptoirShop
{
  GObject               parent_instance;

  char                 *strings[N_STRINGS];
  GStrv                 social_links;
  ComptoirOpeningHours *opening_hours;
  gboolean              click_and_collect;
  gboolean              delivery;
  GStrv                 delivery_communes;
  guint                 delivery_radius_km;
  gint64                delivery_fee_cents;
  gint64                delivery_free_above_cents;
  gboolean              shipping;
  GStrv                 payment_methods;
};

G_DEFINE_FINAL_TYPE (ComptoirShop, comptoir_shop, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static const char *string_names[N_STRINGS] = {
  "name", "tagline", "description", "category", "street", "postcode", "city",
  "phone", "email", "website", "siret", "logo-hash", "cover-hash", "updated-at",
};

static const char * const categories[] = {
  "bakery", "butcher", "florist", "bookshop", "grocery", "clothing",
  "hardware", "restaurant", "producer", "crafts", "services", "other", NULL
};

static const char * const category_labels[] = {
  N_("Bakery"), N_("Butcher"), N_("Florist"), N_("Bookshop"), N_("Grocery"),
  N_("Clothing"), N_("Hardware"), N_("Restaurant"), N_("Producer"),
  N_("Crafts"), N_("Services"), N_("Other"),
};

static const char * const payment_methods[] = {
  "card", "cash", "cheque", "meal_voucher", "holiday_voucher", "local_currency", "transfer", NULL
};

static const char * const payment_labels[] = {
  N_("Bank card"), N_("Cash"), N_("Cheque"), N_("Meal vouchers"),
  N_("Holiday vouchers (ANCV)"), N_("Local currency"), N_("Bank transfer"),
};

/* g_set_str() is newer than GLib 2.74. */
static gboolean
replace_str (char       **field,
             const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
set_strv (ComptoirShop        *self,
          GStrv               *field,
          const char * const  *value,
          guint                prop)
{
  static const char * const empty[] = { NULL };

  if (value == NULL)
    value = empty;
  if (g_strv_equal ((const char * const *) *field, value))
    return;
  g_strfreev (*field);
  *field = g_strdupv ((char **) value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_string (ComptoirShop *self,
            guint         prop,
            const char   *value)
{
  if (replace_str (&self->strings[prop - PROP_NAME], value ? value : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
comptoir_shop_finalize (GObject *object)
{
  ComptoirShop *self = COMPTOIR_SHOP (object);

  for (guint i = 0; i < N_STRINGS; i++)
    g_free (self->strings[i]);
  g_strfreev (self->social_links);
  g_strfreev (self->delivery_communes);
  g_strfreev (self->payment_methods);
  comptoir_opening_hours_free (self->opening_hours);

  G_OBJECT_CLASS (comptoir_shop_parent_class)->finalize (object);
}

static void
comptoir_shop_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ComptoirShop *self = COMPTOIR_SHOP (object);

  if (prop_id >= PROP_NAME && prop_id <= PROP_UPDATED_AT)
    {
      g_value_set_string (value, self->strings[prop_id - PROP_NAME]);
      return;
    }

  switch (prop_id)
    {
    case PROP_SOCIAL_LINKS:
      g_value_set_boxed (value, self->social_links);
      break;
    case PROP_OPENING_HOURS:
      g_value_set_boxed (value, self->opening_hours);
      break;
    case PROP_CLICK_AND_COLLECT:
      g_value_set_boolean (value, self->click_and_collect);
      break;
    case PROP_DELIVERY:
      g_value_set_boolean (value, self->delivery);
      break;
    case PROP_DELIVERY_COMMUNES:
      g_value_set_boxed (value, self->delivery_communes);
      break;
    case PROP_DELIVERY_RADIUS_KM:
      g_value_set_uint (value, self->delivery_radius_km);
      break;
    case PROP_DELIVERY_FEE_CENTS:
      g_value_set_int64 (value, self->delivery_fee_cents);
      break;
    case PROP_DELIVERY_FREE_ABOVE_CENTS:
      g_value_set_int64 (value, self->delivery_free_above_cents);
      break;
    case PROP_SHIPPING:
      g_value_set_boolean (value, self->shipping);
      break;
    case PROP_PAYMENT_METHODS:
      g_value_set_boxed (value, self->payment_methods);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
comptoir_shop_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  ComptoirShop *self = COMPTOIR_SHOP (object);

  if (prop_id >= PROP_NAME && prop_id <= PROP_UPDATED_AT)
    {
      set_string (self, prop_id, g_value_get_string (value));
      return;
    }

  switch (prop_id)
    {
    case PROP_SOCIAL_LINKS:
      comptoir_shop_set_social_links (self, g_value_get_boxed (value));
      break;
    case PROP_OPENING_HOURS:
      comptoir_shop_set_opening_hours (self, g_value_get_boxed (value));
      break;
    case PROP_CLICK_AND_COLLECT:
      comptoir_shop_set_click_and_collect (self, g_value_get_boolean (value));
      break;
    case PROP_DELIVERY:
      comptoir_shop_set_delivery (self, g_value_get_boolean (value));
      break;
    case PROP_DELIVERY_COMMUNES:
      comptoir_shop_set_delivery_communes (self, g_value_get_boxed (value));
      break;
    case PROP_DELIVERY_RADIUS_KM:
      comptoir_shop_set_delivery_radius_km (self, g_value_get_uint (value));
      break;
    case PROP_DELIVERY_FEE_CENTS:
      comptoir_shop_set_delivery_fee_cents (self, g_value_get_int64 (value));
      break;
    case PROP_DELIVERY_FREE_ABOVE_CENTS:
      comptoir_shop_set_delivery_free_above_cents (self, g_value_get_int64 (value));
      break;
    case PROP_SHIPPING:
      comptoir_shop_set_shipping (self, g_value_get_boolean (value));
      break;
    case PROP_PAYMENT_METHODS:
      comptoir_shop_set_payment_methods (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
comptoir_shop_class_init (ComptoirShopClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = comptoir_shop_finalize;
  object_class->get_property = comptoir_shop_get_property;
  object_class->set_property = comptoir_shop_set_property;

  for (guint i = 0; i < N_STRINGS; i++)
    properties[PROP_NAME + i] = g_param_spec_string (string_names[i], NULL, NULL,
                                                     i == PROP_CATEGORY - PROP_NAME ? "other" : "",
                                                     flags);
  properties[PROP_SOCIAL_LINKS] = g_param_spec_boxed ("social-links", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_OPENING_HOURS] = g_param_spec_boxed ("opening-hours", NULL, NULL,
                                                       COMPTOIR_TYPE_OPENING_HOURS, flags);
  properties[PROP_CLICK_AND_COLLECT] = g_param_spec_boolean ("click-and-collect", NULL, NULL, FALSE, flags);
  properties[PROP_DELIVERY] = g_param_spec_boolean ("delivery", NULL, NULL, FALSE, flags);
  properties[PROP_DELIVERY_COMMUNES] = g_param_spec_boxed ("delivery-communes", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_DELIVERY_RADIUS_KM] = g_param_spec_uint ("delivery-radius-km", NULL, NULL, 0, 500, 0, flags);
  properties[PROP_DELIVERY_FEE_CENTS] = g_param_spec_int64 ("delivery-fee-cents", NULL, NULL,
                                                            0, COMPTOIR_MONEY_MAX_CENTS, 0, flags);
  properties[PROP_DELIVERY_FREE_ABOVE_CENTS] = g_param_spec_int64 ("delivery-free-above-cents", NULL, NULL,
                                                                   0, COMPTOIR_MONEY_MAX_CENTS, 0, flags);
  properties[PROP_SHIPPING] = g_param_spec_boolean ("shipping", NULL, NULL, FALSE, flags);
  properties[PROP_PAYMENT_METHODS] = g_param_spec_boxed ("payment-methods", NULL, NULL, G_TYPE_STRV, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
comptoir_shop_init (ComptoirShop *self)
{
  for (guint i = 0; i < N_STRINGS; i++)
    self->strings[i] = g_strdup ("");
  replace_str (&self->strings[PROP_CATEGORY - PROP_NAME], "other");
  self->social_links = g_new0 (char *, 1);
  self->delivery_communes = g_new0 (char *, 1);
  self->payment_methods = g_new0 (char *, 1);
  self->opening_hours = comptoir_opening_hours_new ();
}

ComptoirShop *
comptoir_shop_new (void)
{
  return g_object_new (COMPTOIR_TYPE_SHOP, NULL);
}

/**
 * comptoir_shop_copy:
 *
 * Returns: (transfer full): an independent copy of @self, to keep the last
 *   saved state for undo.
 */
ComptoirShop *
comptoir_shop_copy (ComptoirShop *self)
{
  ComptoirShop *copy;

  g_return_val_if_fail (COMPTOIR_IS_SHOP (self), NULL);

  copy = comptoir_shop_new ();
  for (guint i = 0; i < N_STRINGS; i++)
    replace_str (&copy->strings[i], self->strings[i]);
  set_strv (copy, &copy->social_links, (const char * const *) self->social_links, PROP_SOCIAL_LINKS);
  comptoir_shop_set_opening_hours (copy, self->opening_hours);
  copy->click_and_collect = self->click_and_collect;
  copy->delivery = self->delivery;
  set_strv (copy, &copy->delivery_communes, (const char * const *) self->delivery_communes,
            PROP_DELIVERY_COMMUNES);
  copy->delivery_radius_km = self->delivery_radius_km;
  copy->delivery_fee_cents = self->delivery_fee_cents;
  copy->delivery_free_above_cents = self->delivery_free_above_cents;
  copy->shipping = self->shipping;
  set_strv (copy, &copy->payment_methods, (const char * const *) self->payment_methods,
            PROP_PAYMENT_METHODS);
  return copy;
}

#define STRING_ACCESSORS(field, PROP) \
  const char * \
  comptoir_shop_get_##field (ComptoirShop *self) \
  { \
    g_return_val_if_fail (COMPTOIR_IS_SHOP (self), NULL); \
    return self->strings[PROP - PROP_NAME]; \
  } \
  void \
  comptoir_shop_set_##field (ComptoirShop *self, const char *value) \
  { \
    g_return_if_fail (COMPTOIR_IS_SHOP (self)); \
    set_string (self, PROP, value); \
  }

STRING_ACCESSORS (name, PROP_NAME)
STRING_ACCESSORS (tagline, PROP_TAGLINE)
STRING_ACCESSORS (description, PROP_DESCRIPTION)
STRING_ACCESSORS (category, PROP_CATEGORY)
STRING_ACCESSORS (street, PROP_STREET)
STRING_ACCESSORS (postcode, PROP_POSTCODE)
STRING_ACCESSORS (city, PROP_CITY)
STRING_ACCESSORS (phone, PROP_PHONE)
STRING_ACCESSORS (email, PROP_EMAIL)
STRING_ACCESSORS (website, PROP_WEBSITE)
STRING_ACCESSORS (siret, PROP_SIRET)
STRING_ACCESSORS (logo_hash, PROP_LOGO_HASH)
STRING_ACCESSORS (cover_hash, PROP_COVER_HASH)
STRING_ACCESSORS (updated_at, PROP_UPDATED_AT)

const char * const *
comptoir_shop_get_social_links (ComptoirShop *self)
{
  g_return_val_if_fail (COMPTOIR_IS_SHOP (self), NULL);
  return (const char * const *) self->social_links;
}

void
comptoir_shop_set_social_links (ComptoirShop       *self,
                                const char * const *links)
{
  g_return_if_fail (COMPTOIR_IS_SHOP (self));
  set_strv (self, &self->social_links, links, PROP_SOCIAL_LINKS);
}

const ComptoirOpeningHours *
comptoir_shop_get_opening_hours (ComptoirShop *self)
{
  g_return_val_if_fail (COMPTOIR_IS_SHOP (self), NULL);
  return self->opening_hours;
}

void
comptoir_shop_set_opening_hours (ComptoirShop               *self,
                                 const ComptoirOpeningHours *hours)
{
  g_return_if_fail (COMPTOIR_IS_SHOP (self));

  if (hours == NULL)
    {
      g_autoptr(ComptoirOpeningHours) empty = comptoir_opening_hours_new ();
      comptoir_shop_set_opening_hours (self, empty);
      return;
    }
  if (comptoir_opening_hours_equal (self->opening_hours, hours))
    return;
  comptoir_opening_hours_free (self->opening_hours);
  self->opening_hours = comptoir_opening_hours_copy (hours);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPENING_HOURS]);
}

#define SCALAR_ACCESSORS(type, field, PROP) \
  type \
  comptoir_shop_get_##field (ComptoirShop *self) \
  { \
    g_return_val_if_fail (COMPTOIR_IS_SHOP (self), 0); \
    return self->field; \
  } \
  void \
  comptoir_shop_set_##field (ComptoirShop *self, type value) \
  { \
    g_return_if_fail (COMPTOIR_IS_SHOP (self)); \
    if (self->field == value) \
      return; \
    self->field = value; \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]); \
  }

SCALAR_ACCESSORS (gboolean, click_and_collect, PROP_CLICK_AND_COLLECT)
SCALAR_ACCESSORS (gboolean, delivery, PROP_DELIVERY)
SCALAR_ACCESSORS (guint, delivery_radius_km, PROP_DELIVERY_RADIUS_KM)
SCALAR_ACCESSORS (gint64, delivery_fee_cents, PROP_DELIVERY_FEE_CENTS)
SCALAR_ACCESSORS (gint64, delivery_free_above_cents, PROP_DELIVERY_FREE_ABOVE_CENTS)
SCALAR_ACCESSORS (gboolean, shipping, PROP_SHIPPING)

const char * const *
comptoir_shop_get_delivery_communes (ComptoirShop *self)
{
  g_return_val_if_fail (COMPTOIR_IS_SHOP (self), NULL);
  return (const char * const *) self->delivery_communes;
}

void
comptoir_shop_set_delivery_communes (ComptoirShop       *self,
                                     const char * const *communes)
{
  g_return_if_fail (COMPTOIR_IS_SHOP (self));
  set_strv (self, &self->delivery_communes, communes, PROP_DELIVERY_COMMUNES);
}

const char * const *
comptoir_shop_get_payment_methods (ComptoirShop *self)
{
  g_return_val_if_fail (COMPTOIR_IS_SHOP (self), NULL);
  return (const char * const *) self->payment_methods;
}

void
comptoir_shop_set_payment_methods (ComptoirShop       *self,
                                   const char * const *methods)
{
  g_return_if_fail (COMPTOIR_IS_SHOP (self));
  set_strv (self, &self->payment_methods, methods, PROP_PAYMENT_METHODS);
}

gboolean
comptoir_shop_accepts_payment (ComptoirShop *self,
                               const char   *method)
{
  g_return_val_if_fail (COMPTOIR_IS_SHOP (self), FALSE);
  return g_strv_contains ((const char * const *) self->payment_methods, method);
}

const char * const *
comptoir_shop_categories (void)
{
  return categories;
}

/**
 * comptoir_shop_category_label:
 *
 * Returns: the translated name of @category (“Boulangerie”).
 */
const char *
comptoir_shop_category_label (const char *category)
{
  for (guint i = 0; categories[i]; i++)
    if (g_strcmp0 (categories[i], category) == 0)
      return _(category_labels[i]);
  return _("Other");
}

const char * const *
comptoir_shop_payment_method_ids (void)
{
  return payment_methods;
}

const char *
comptoir_shop_payment_method_label (const char *method)
{
  for (guint i = 0; payment_methods[i]; i++)
    if (g_strcmp0 (payment_methods[i], method) == 0)
      return _(payment_labels[i]);
  return method;
}

/**
 * comptoir_shop_get_missing:
 *
 * Returns: the #ComptoirShopMissing flags of what is still empty.
 */
guint
comptoir_shop_get_missing (ComptoirShop *self)
{
  guint missing = 0;

  g_return_val_if_fail (COMPTOIR_IS_SHOP (self), 0);

#define EMPTY(prop) (*self->strings[prop - PROP_NAME] == '\0')
  if (EMPTY (PROP_NAME))
    missing |= COMPTOIR_SHOP_MISSING_NAME;
  if (EMPTY (PROP_DESCRIPTION))
    missing |= COMPTOIR_SHOP_MISSING_DESCRIPTION;
  if (g_strcmp0 (self->strings[PROP_CATEGORY - PROP_NAME], "other") == 0)
    missing |= COMPTOIR_SHOP_MISSING_CATEGORY;
  if (EMPTY (PROP_LOGO_HASH))
    missing |= COMPTOIR_SHOP_MISSING_LOGO;
  if (EMPTY (PROP_COVER_HASH))
    missing |= COMPTOIR_SHOP_MISSING_COVER;
  if (EMPTY (PROP_STREET) || EMPTY (PROP_POSTCODE) || EMPTY (PROP_CITY))
    missing |= COMPTOIR_SHOP_MISSING_ADDRESS;
  if (EMPTY (PROP_PHONE))
    missing |= COMPTOIR_SHOP_MISSING_PHONE;
#undef EMPTY
  if (comptoir_opening_hours_is_empty (self->opening_hours))
    missing |= COMPTOIR_SHOP_MISSING_HOURS;

  return missing;
}

/* Storage */

static char *
node_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static JsonNode *
strv_to_json (const char * const *strv)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strv && strv[i]; i++)
    json_array_add_string_element (array, strv[i]);
  return json_node_init_array (json_node_alloc (), array);
}

static GStrv
strv_from_json (JsonNode *node)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (json_node_get_value_type (json_array_get_element (array, i)) == G_TYPE_STRING)
          g_strv_builder_add (builder, json_array_get_string_element (array, i));
    }
  return g_strv_builder_end (builder);
}

static char *
services_to_string (ComptoirShop *self)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  JsonObject *delivery = json_object_new ();

  json_object_set_boolean_member (object, "click_and_collect", self->click_and_collect);
  json_object_set_boolean_member (delivery, "enabled", self->delivery);
  json_object_set_member (delivery, "communes", strv_to_json ((const char * const *) self->delivery_communes));
  json_object_set_int_member (delivery, "radius_km", self->delivery_radius_km);
  json_object_set_int_member (delivery, "fee_cents", self->delivery_fee_cents);
  json_object_set_int_member (delivery, "free_above_cents", self->delivery_free_above_cents);
  json_object_set_object_member (object, "delivery", delivery);
  json_object_set_boolean_member (object, "shipping", self->shipping);
  json_object_set_member (object, "payment_methods", strv_to_json ((const char * const *) self->payment_methods));

  node = json_node_init_object (json_node_alloc (), object);
  return node_to_string (node);
}

static JsonNode *
parse_json (const char  *text,
            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, text, -1, NULL))
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_STORE,
                           _("Part of your shop page cannot be read back. Check it and enter it again."));
      return NULL;
    }
  return json_node_copy (json_parser_get_root (parser));
}

static gint64
clamp_cents (gint64 cents)
{
  return CLAMP (cents, 0, COMPTOIR_MONEY_MAX_CENTS);
}

static void
services_from_json (ComptoirShop *self,
                    JsonNode     *node)
{
  JsonObject *object, *delivery;
  g_auto(GStrv) payments = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;
  object = json_node_get_object (node);
  comptoir_shop_set_click_and_collect (self, json_object_get_boolean_member_with_default (object, "click_and_collect", FALSE));
  comptoir_shop_set_shipping (self, json_object_get_boolean_member_with_default (object, "shipping", FALSE));
  payments = strv_from_json (json_object_get_member (object, "payment_methods"));
  comptoir_shop_set_payment_methods (self, (const char * const *) payments);

  if (json_object_has_member (object, "delivery") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "delivery")))
    {
      g_auto(GStrv) communes = NULL;

      delivery = json_object_get_object_member (object, "delivery");
      comptoir_shop_set_delivery (self, json_object_get_boolean_member_with_default (delivery, "enabled", FALSE));
      communes = strv_from_json (json_object_get_member (delivery, "communes"));
      comptoir_shop_set_delivery_communes (self, (const char * const *) communes);
      comptoir_shop_set_delivery_radius_km (self, (guint) CLAMP (json_object_get_int_member_with_default (delivery, "radius_km", 0), 0, 500));
      comptoir_shop_set_delivery_fee_cents (self, clamp_cents (json_object_get_int_member_with_default (delivery, "fee_cents", 0)));
      comptoir_shop_set_delivery_free_above_cents (self, clamp_cents (json_object_get_int_member_with_default (delivery, "free_above_cents", 0)));
    }
}

#define SHOP_COLUMNS \
  "name, tagline, description, category, street, postcode, city, phone, email, website, " \
  "siret, logo_hash, cover_hash, updated_at, social_links, opening_hours, services"

/* A shop from a row of SHOP_COLUMNS, in that order. */
static ComptoirShop *
shop_from_row (sqlite3_stmt  *stmt,
               GError       **error)
{
  g_autoptr(ComptoirShop) shop = comptoir_shop_new ();
  g_autoptr(JsonNode) links = NULL;
  g_autoptr(JsonNode) hours_node = NULL;
  g_autoptr(JsonNode) services = NULL;
  g_autoptr(ComptoirOpeningHours) hours = NULL;
  g_auto(GStrv) link_strv = NULL;

  for (guint i = 0; i < N_STRINGS; i++)
    set_string (shop, PROP_NAME + i, comptoir_sql_column_text (stmt, (int) i));

  if ((links = parse_json (comptoir_sql_column_text (stmt, 14), error)) == NULL ||
      (hours_node = parse_json (comptoir_sql_column_text (stmt, 15), error)) == NULL ||
      (services = parse_json (comptoir_sql_column_text (stmt, 16), error)) == NULL)
    return NULL;

  link_strv = strv_from_json (links);
  comptoir_shop_set_social_links (shop, (const char * const *) link_strv);
  hours = comptoir_opening_hours_from_json (hours_node, error);
  if (hours == NULL)
    return NULL;
  comptoir_shop_set_opening_hours (shop, hours);
  services_from_json (shop, services);

  return g_steal_pointer (&shop);
}

/**
 * comptoir_shop_load:
 * @store: the store
 * @error: a #GError
 *
 * Returns: (transfer full) (nullable): the shop profile.
 */
ComptoirShop *
comptoir_shop_load (ComptoirStore  *store,
                    GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), NULL);

  stmt = comptoir_store_prepare (store, "SELECT " SHOP_COLUMNS " FROM shop WHERE id = 1", error);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return comptoir_shop_new (); /* the row is created with the schema; be lenient */
  if (rc != SQLITE_ROW)
    {
      comptoir_store_set_error (store, error);
      return NULL;
    }
  return shop_from_row (stmt, error);
}

/* The stored profile as one JSON object of its columns, and back: the
 * outbox freezes what it sends with these. */
#define SNAPSHOT_COLUMNS \
  "'name', name, 'tagline', tagline, 'description', description, 'category', category, " \
  "'street', street, 'postcode', postcode, 'city', city, 'phone', phone, 'email', email, " \
  "'website', website, 'siret', siret, 'logo_hash', logo_hash, 'cover_hash', cover_hash, " \
  "'updated_at', updated_at, 'social_links', social_links, 'opening_hours', opening_hours, " \
  "'services', services"

char *
comptoir_shop_snapshot (ComptoirStore  *store,
                        GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = comptoir_store_prepare (store, "SELECT json_object (" SNAPSHOT_COLUMNS ") FROM shop WHERE id = 1", error);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return g_strdup ("{}");
  if (rc != SQLITE_ROW)
    {
      comptoir_store_set_error (store, error);
      return NULL;
    }
  return g_strdup (comptoir_sql_column_text (stmt, 0));
}

ComptoirShop *
comptoir_shop_from_snapshot (ComptoirStore  *store,
                             const char     *snapshot,
                             GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *names[] = { "name", "tagline", "description", "category", "street", "postcode", "city",
                          "phone", "email", "website", "siret", "logo_hash", "cover_hash", "updated_at",
                          "social_links", "opening_hours", "services" };
  g_autoptr(GString) sql = g_string_new ("SELECT ");

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *fallback = i == 14 ? "'[]'" : i >= 15 ? "'{}'" : "''";
      g_string_append_printf (sql, "%scoalesce (json_extract (?1, '$.%s'), %s)", i ? ", " : "", names[i], fallback);
    }
  stmt = comptoir_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    return NULL;
  comptoir_sql_bind_text (stmt, 1, snapshot);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      comptoir_store_set_error (store, error);
      return NULL;
    }
  return shop_from_row (stmt, error);
}

static gboolean
save_tx (ComptoirStore  *store,
         gpointer        user_data,
         GError        **error)
{
  ComptoirShop *shop = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = comptoir_now_iso8601 ();
  g_autoptr(JsonNode) links = strv_to_json ((const char * const *) shop->social_links);
  g_autoptr(JsonNode) hours = comptoir_opening_hours_to_json (shop->opening_hours);
  g_autofree char *links_text = node_to_string (links);
  g_autofree char *hours_text = node_to_string (hours);
  g_autofree char *services_text = services_to_string (shop);

  stmt = comptoir_store_prepare (store,
                                 "INSERT INTO shop (id, " SHOP_COLUMNS ") VALUES "
                                 "(1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17) "
                                 "ON CONFLICT (id) DO UPDATE SET name = ?1, tagline = ?2, description = ?3, "
                                 "category = ?4, street = ?5, postcode = ?6, city = ?7, phone = ?8, email = ?9, "
                                 "website = ?10, siret = ?11, logo_hash = ?12, cover_hash = ?13, "
                                 "updated_at = ?14, social_links = ?15, opening_hours = ?16, services = ?17",
                                 error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < N_STRINGS; i++)
    {
      const char *value = shop->strings[i];

      if (i + PROP_NAME == PROP_UPDATED_AT)
        value = now;
      /* No photo is NULL, for the foreign key to media. */
      if ((i + PROP_NAME == PROP_LOGO_HASH || i + PROP_NAME == PROP_COVER_HASH) && *value == '\0')
        sqlite3_bind_null (stmt, (int) i + 1);
      else
        comptoir_sql_bind_text (stmt, (int) i + 1, value);
    }
  comptoir_sql_bind_text (stmt, 15, links_text);
  comptoir_sql_bind_text (stmt, 16, hours_text);
  comptoir_sql_bind_text (stmt, 17, services_text);

  if (!comptoir_store_step_done (store, stmt, error))
    return FALSE;

  set_string (shop, PROP_UPDATED_AT, now);
  return TRUE;
}

/**
 * comptoir_shop_save:
 * @store: the store
 * @shop: the shop profile
 * @error: a #GError
 *
 * Writes the whole profile in one transaction. Fields are stored as they
 * are: callers check them with the comptoir-shop-validate.h functions
 * first.
 */
gboolean
comptoir_shop_save (ComptoirStore  *store,
                    ComptoirShop   *shop,
                    GError        **error)
{
  g_return_val_if_fail (COMPTOIR_IS_STORE (store), FALSE);
  g_return_val_if_fail (COMPTOIR_IS_SHOP (shop), FALSE);

  return comptoir_store_transaction (store, save_tx, shop, error);
}
