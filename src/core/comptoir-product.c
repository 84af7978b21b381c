// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-product"

#include "config.h"

#include "comptoir-product.h"

struct _ComptoirProduct
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  char *name;
  char *description;
  gint64 price_cents;
  int vat_rate;
  char *unit;
  gboolean stock_tracked;
  gint64 stock;
  char *sku;
  char *gtin;
  char *category;
  guint visibility;
  gboolean archived;
  gboolean refused;
  char *cover_hash;
  char *updated_at;

  /* Loaded and saved with the product, not by the list rows. */
  gboolean details_loaded;
  GPtrArray *options;   /* of ComptoirProductOption */
  GPtrArray *variants;  /* of ComptoirVariant */
};

G_DEFINE_FINAL_TYPE (ComptoirProduct, comptoir_product, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_PRICE_CENTS,
  PROP_VAT_RATE,
  PROP_UNIT,
  PROP_STOCK_TRACKED,
  PROP_STOCK,
  PROP_SKU,
  PROP_GTIN,
  PROP_CATEGORY,
  PROP_VISIBILITY,
  PROP_ARCHIVED,
  PROP_REFUSED,
  PROP_COVER_HASH,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


gint64
comptoir_product_get_id (ComptoirProduct *self)
{
  g_return_val_if_fail (COMPTOIR_IS_PRODUCT (self), 0);
  return self->id;
}

void
comptoir_product_set_id (ComptoirProduct *self,
                         gint64 value)
{
  g_return_if_fail (COMPTOIR_IS_PRODUCT (self));
  if (self->id == value)
    return;
  self->id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

/**
 * comptoir_product_get_refused:
 *
 * Returns: whether a platform refused the product's last change (or it
 *   changed there too), as listed: the merchant has something to look at
 */
gboolean
comptoir_product_get_refused (ComptoirProduct *self)
{
  g_return_val_if_fail (COMPTOIR_IS_PRODUCT (self), FALSE);
  return self->refused;
}

void
comptoir_product_set_refused (ComptoirProduct *self,
                              gboolean         value)
{
  g_return_if_fail (COMPTOIR_IS_PRODUCT (self));
  value = !!value;
  if (self->refused == value)
    return;
  self->refused = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFUSED]);
}

const char *
comptoir_product_get_uuid (ComptoirProduct *self)
{
  g_return_val_if_fail (COMPTOIR_IS_PRODUCT (self), NULL);
  return self->uuid;
}

void
comptoir_product_set_uuid (ComptoirProduct *self,
                           const char *value)
{
  g_return_if_fail (COMPTOIR_IS_PRODUCT (self));
  if (g_strcmp0 (self->uuid, value) == 0)
    return;
  g_free (self->uuid);
  self->uuid = g_strdup (value ? value : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
}

const char *
comptoir_product_get_name (ComptoirProduct *self)
{
  g_return_val_if_fail (COMPTOIR_IS_PRODUCT (self), NULL);
  return self->name;
}

void
comptoir_product_set_name (ComptoirProduct *self,
                           const char *value)
{
  g_return_if_fail (COMPTOIR_IS_PRODUCT (self));
  if (g_strcmp0 (self->name, value) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (value ? value : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
comptoir_product_get_description (ComptoirProduct *self)
{
  g_return_val_if_fail (COMPTOIR_IS_PRODUCT (self), NULL);
  return self->description;
}

void
comptoir_product_set_description (ComptoirProduct *self,
                                  const char *value)
{
  g_return_if_fail (COMPTOIR_IS_PRODUCT (self));
  if (g_strcmp0 (self->description, value) == 0)
    return;
  g_free (self->description);
  self->description = g_strdup (value ? value : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

gint64
comptoir_product_get_price_cents (ComptoirProduct *self)
{
  g_return_val_if_fail (COMPTOIR_IS_PRODUCT (self), 0);
  return self->price_cents;
}

void
comptoir_product_set_price_cents (ComptoirProduct *self,
                                  gint64 value)
{
  g_return_if_fail (COMPTOIR_IS_PRODUCT (self));
  if (self->price_cents == value)
    return;
  self->price_cents = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRICE_CENTS]);
}

int
comptoir_product_get_vat_rate (ComptoirProduct *self)
{
  g_return_val_if_fail (COMPTOIR_IS_PRODUCT (self), 0);
  return self->vat_rate;
}

void
comptoir_product_set_vat_rate (ComptoirProduct *self,
                               int value)
{
  g_return_if_fail (COMPTOIR_IS_PRODUCT (self));
  if (self->vat_rate == value)
    return;
  self->vat_rate = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VAT_RATE]);
}

const char *
comptoir_product_get_unit (ComptoirProduct *self)
{
  g_return_val_if_fail (COMPTOIR_IS_PRODUCT (self), NULL);
  return self->unit;
}

void
comptoir_product_set_unit (ComptoirProduct *self,
                           const char *value)
{
  g_return_if_fail (COMPTOIR_IS_PRODUCT (self));
  if (g_strcmp0 (self->unit, value) == 0)
    return;
  g_free (self->unit);
  self->unit = g_strdup (value ? value : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT]);
}

gboolean
comptoir_product_get_stock_tracked (ComptoirProduct *self)
{
  g_return_val_if_fail (COMPTOIR_IS_PRODUCT (self), 0);
  return self->stock_tracked;
}

void
comptoir_product_set_stock_tracked (ComptoirProduct *self,
                                    gboolean value)
{
  g_return_if_fail (COMPTOIR_IS_PRODUCT (self));
  value = !!value;
  if (self->stock_tracked == value)
    return;
  self->stock_tracked = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STOCK_TRACKED]);
}

gint64
comptoir_product_get_stock (ComptoirProduct *self)
{
  g_return_val_if_fail (COMPTOIR_IS_PRODUCT (self), 0);
  return self->stock;
}

void
comptoir_product_set_stock (ComptoirProduct *self,
                            gint64 value)
{
  g_return_if_fail (COMPTOIR_IS_PRODUCT (self));
  if (self->stock == value)
    return;
  self->stock = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STOCK]);
}

const char *
comptoir_product_get_sku (ComptoirProduct *self)
{
  g_return_val_if_fail (COMPTOIR_IS_PRODUCT (self), NULL);
  return self->sku;
}

void
comptoir_product_set_sku (ComptoirProduct *self,
                          const char *value)
{
  g_return_if_fail (COMPTOIR_IS_PRODUCT (self));
  if (g_strcmp0 (self->sku, value) == 0)
    return;
  g_free (self->sku);
  self->sku = g_strdup (value ? value : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SKU]);
}

const char *
comptoir_product_get_gtin (ComptoirProduct *self)
{
  g_return_val_if_fail (COMPTOIR_IS_PRODUCT (self), NULL);
  return self->gtin;
}

void
comptoir_product_set_gtin (ComptoirProduct *self,
                           const char *value)
{
  g_return_if_fail (COMPTOIR_IS_PRODUCT (self));
  if (g_strcmp0 (self->gtin, value) == 0)
    return;
  g_free (self->gtin);
  self->gtin = g_strdup (value ? value : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GTIN]);
}

const char *
comptoir_product_get_category (ComptoirProduct *self)
{
  g_return_val_if_fail (COMPTOIR_IS_PRODUCT (self), NULL);
  return self->category;
}

void
comptoir_product_set_category (ComptoirProduct *self,
                               const char *value)
{
  g_return_if_fail (COMPTOIR_IS_PRODUCT (self));
  if (g_strcmp0 (self->category, value) == 0)
    return;
  g_free (self->category);
  self->category = g_strdup (value ? value : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATEGORY]);
}

guint
comptoir_product_get_visibility (ComptoirProduct *self)
{
  g_return_val_if_fail (COMPTOIR_IS_PRODUCT (self), 0);
  return self->visibility;
}

void
comptoir_product_set_visibility (ComptoirProduct *self,
                                 guint value)
{
  g_return_if_fail (COMPTOIR_IS_PRODUCT (self));
  if (self->visibility == value)
    return;
  self->visibility = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBILITY]);
}

gboolean
comptoir_product_get_archived (ComptoirProduct *self)
{
  g_return_val_if_fail (COMPTOIR_IS_PRODUCT (self), 0);
  return self->archived;
}

void
comptoir_product_set_archived (ComptoirProduct *self,
                               gboolean value)
{
  g_return_if_fail (COMPTOIR_IS_PRODUCT (self));
  value = !!value;
  if (self->archived == value)
    return;
  self->archived = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARCHIVED]);
}

const char *
comptoir_product_get_cover_hash (ComptoirProduct *self)
{
  g_return_val_if_fail (COMPTOIR_IS_PRODUCT (self), NULL);
  return self->cover_hash;
}

void
comptoir_product_set_cover_hash (ComptoirProduct *self,
                                 const char *value)
{
  g_return_if_fail (COMPTOIR_IS_PRODUCT (self));
  if (g_strcmp0 (self->cover_hash, value) == 0)
    return;
  g_free (self->cover_hash);
  self->cover_hash = g_strdup (value ? value : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COVER_HASH]);
}

const char *
comptoir_product_get_updated_at (ComptoirProduct *self)
{
  g_return_val_if_fail (COMPTOIR_IS_PRODUCT (self), NULL);
  return self->updated_at;
}

void
comptoir_product_set_updated_at (ComptoirProduct *self,
                                 const char *value)
{
  g_return_if_fail (COMPTOIR_IS_PRODUCT (self));
  if (g_strcmp0 (self->updated_at, value) == 0)
    return;
  g_free (self->updated_at);
  self->updated_at = g_strdup (value ? value : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

static void
comptoir_product_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ComptoirProduct *self = COMPTOIR_PRODUCT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_PRICE_CENTS:
      g_value_set_int64 (value, self->price_cents);
      break;

    case PROP_VAT_RATE:
      g_value_set_int (value, self->vat_rate);
      break;

    case PROP_UNIT:
      g_value_set_string (value, self->unit);
      break;

    case PROP_STOCK_TRACKED:
      g_value_set_boolean (value, self->stock_tracked);
      break;

    case PROP_STOCK:
      g_value_set_int64 (value, self->stock);
      break;

    case PROP_SKU:
      g_value_set_string (value, self->sku);
      break;

    case PROP_GTIN:
      g_value_set_string (value, self->gtin);
      break;

    case PROP_CATEGORY:
      g_value_set_string (value, self->category);
      break;

    case PROP_VISIBILITY:
      g_value_set_uint (value, self->visibility);
      break;

    case PROP_ARCHIVED:
      g_value_set_boolean (value, self->archived);
      break;
    case PROP_REFUSED:
      g_value_set_boolean (value, self->refused);
      break;

    case PROP_COVER_HASH:
      g_value_set_string (value, self->cover_hash);
      break;

    case PROP_UPDATED_AT:
      g_value_set_string (value, self->updated_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
comptoir_product_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  ComptoirProduct *self = COMPTOIR_PRODUCT (object);

  switch (prop_id)
    {
    case PROP_ID:
      comptoir_product_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_UUID:
      comptoir_product_set_uuid (self, g_value_get_string (value));
      break;

    case PROP_NAME:
      comptoir_product_set_name (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      comptoir_product_set_description (self, g_value_get_string (value));
      break;

    case PROP_PRICE_CENTS:
      comptoir_product_set_price_cents (self, g_value_get_int64 (value));
      break;

    case PROP_VAT_RATE:
      comptoir_product_set_vat_rate (self, g_value_get_int (value));
      break;

    case PROP_UNIT:
      comptoir_product_set_unit (self, g_value_get_string (value));
      break;

    case PROP_STOCK_TRACKED:
      comptoir_product_set_stock_tracked (self, g_value_get_boolean (value));
      break;

    case PROP_STOCK:
      comptoir_product_set_stock (self, g_value_get_int64 (value));
      break;

    case PROP_SKU:
      comptoir_product_set_sku (self, g_value_get_string (value));
      break;

    case PROP_GTIN:
      comptoir_product_set_gtin (self, g_value_get_string (value));
      break;

    case PROP_CATEGORY:
      comptoir_product_set_category (self, g_value_get_string (value));
      break;

    case PROP_VISIBILITY:
      comptoir_product_set_visibility (self, g_value_get_uint (value));
      break;

    case PROP_ARCHIVED:
      comptoir_product_set_archived (self, g_value_get_boolean (value));
      break;
    case PROP_REFUSED:
      comptoir_product_set_refused (self, g_value_get_boolean (value));
      break;

    case PROP_COVER_HASH:
      comptoir_product_set_cover_hash (self, g_value_get_string (value));
      break;

    case PROP_UPDATED_AT:
      comptoir_product_set_updated_at (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
comptoir_product_finalize (GObject *object)
{
  ComptoirProduct *self = COMPTOIR_PRODUCT (object);

  g_clear_pointer (&self->options, g_ptr_array_unref);
  g_clear_pointer (&self->variants, g_ptr_array_unref);
  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->unit, g_free);
  g_clear_pointer (&self->sku, g_free);
  g_clear_pointer (&self->gtin, g_free);
  g_clear_pointer (&self->category, g_free);
  g_clear_pointer (&self->cover_hash, g_free);
  g_clear_pointer (&self->updated_at, g_free);

  G_OBJECT_CLASS (comptoir_product_parent_class)->finalize (object);
}

static void
comptoir_product_class_init (ComptoirProductClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = comptoir_product_finalize;
  object_class->get_property = comptoir_product_get_property;
  object_class->set_property = comptoir_product_set_property;

  /* row id in the store, 0 until saved */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* stable identifier, sent to platforms */
  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* name shown to customers */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* plain text description */
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* price including VAT, in cents */
  properties[PROP_PRICE_CENTS] =
    g_param_spec_int64 ("price-cents", NULL, NULL, G_MININT64, G_MAXINT64, 0, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* VAT rate in basis points: 2000, 1000, 550 or 210 */
  properties[PROP_VAT_RATE] =
    g_param_spec_int ("vat-rate", NULL, NULL, G_MININT, G_MAXINT, 2000, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* piece, kg, 100g, litre, bunch or lot */
  properties[PROP_UNIT] =
    g_param_spec_string ("unit", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* whether stock is counted */
  properties[PROP_STOCK_TRACKED] =
    g_param_spec_boolean ("stock-tracked", NULL, NULL, FALSE, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* items in stock, when tracked */
  properties[PROP_STOCK] =
    g_param_spec_int64 ("stock", NULL, NULL, G_MININT64, G_MAXINT64, 0, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* merchant reference */
  properties[PROP_SKU] =
    g_param_spec_string ("sku", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* GTIN/EAN barcode */
  properties[PROP_GTIN] =
    g_param_spec_string ("gtin", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* category */
  properties[PROP_CATEGORY] =
    g_param_spec_string ("category", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* ComptoirVisibility flags */
  properties[PROP_VISIBILITY] =
    g_param_spec_uint ("visibility", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* hidden from the catalogue */
  properties[PROP_ARCHIVED] =
    g_param_spec_boolean ("archived", NULL, NULL, FALSE, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_REFUSED] =
    g_param_spec_boolean ("refused", NULL, NULL, FALSE, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* media hash of the first photo, or empty */
  properties[PROP_COVER_HASH] =
    g_param_spec_string ("cover-hash", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* last local change, ISO 8601 UTC */
  properties[PROP_UPDATED_AT] =
    g_param_spec_string ("updated-at", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
comptoir_product_init (ComptoirProduct *self)
{
  self->uuid = g_strdup ("");
  self->name = g_strdup ("");
  self->description = g_strdup ("");
  self->vat_rate = 2000;
  self->unit = g_strdup ("");
  self->sku = g_strdup ("");
  self->gtin = g_strdup ("");
  self->category = g_strdup ("");
  self->cover_hash = g_strdup ("");
  self->updated_at = g_strdup ("");
}

ComptoirProduct *
comptoir_product_new (void)
{
  return g_object_new (COMPTOIR_TYPE_PRODUCT, NULL);
}

static GPtrArray *
copy_options (GPtrArray *options)
{
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) comptoir_product_option_free);

  for (guint i = 0; options != NULL && i < options->len; i++)
    g_ptr_array_add (result, comptoir_product_option_copy (g_ptr_array_index (options, i)));
  return result;
}

static GPtrArray *
copy_variants (GPtrArray *variants)
{
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) comptoir_variant_free);

  for (guint i = 0; variants != NULL && i < variants->len; i++)
    g_ptr_array_add (result, comptoir_variant_copy (g_ptr_array_index (variants, i)));
  return result;
}

/**
 * comptoir_product_get_options:
 * @self: a #ComptoirProduct
 *
 * Returns: (transfer none) (element-type ComptoirProductOption): the
 *   options (empty for a product without variants, and for the items of
 *   a product list, which do not load them)
 */
GPtrArray *
comptoir_product_get_options (ComptoirProduct *self)
{
  g_return_val_if_fail (COMPTOIR_IS_PRODUCT (self), NULL);
  if (self->options == NULL)
    self->options = g_ptr_array_new_with_free_func ((GDestroyNotify) comptoir_product_option_free);
  return self->options;
}

/**
 * comptoir_product_set_options:
 * @self: a #ComptoirProduct
 * @options: (element-type ComptoirProductOption) (nullable): copied
 *
 * Sets the options. The variants are not changed: see
 * comptoir_variants_generate().
 */
void
comptoir_product_set_options (ComptoirProduct *self,
                              GPtrArray       *options)
{
  g_return_if_fail (COMPTOIR_IS_PRODUCT (self));
  g_clear_pointer (&self->options, g_ptr_array_unref);
  self->options = copy_options (options);
  self->details_loaded = TRUE;
}

/**
 * comptoir_product_get_variants:
 * @self: a #ComptoirProduct
 *
 * Returns: (transfer none) (element-type ComptoirVariant): the variants
 */
GPtrArray *
comptoir_product_get_variants (ComptoirProduct *self)
{
  g_return_val_if_fail (COMPTOIR_IS_PRODUCT (self), NULL);
  if (self->variants == NULL)
    self->variants = g_ptr_array_new_with_free_func ((GDestroyNotify) comptoir_variant_free);
  return self->variants;
}

/**
 * comptoir_product_set_variants:
 * @self: a #ComptoirProduct
 * @variants: (element-type ComptoirVariant) (nullable): copied
 */
void
comptoir_product_set_variants (ComptoirProduct *self,
                               GPtrArray       *variants)
{
  g_return_if_fail (COMPTOIR_IS_PRODUCT (self));
  g_clear_pointer (&self->variants, g_ptr_array_unref);
  self->variants = copy_variants (variants);
  self->details_loaded = TRUE;
}

/**
 * comptoir_product_get_details_loaded:
 * @self: a #ComptoirProduct
 *
 * Returns: %TRUE if the options and variants were loaded or set, so that
 *   comptoir_product_write() saves them; %FALSE for the items of a list,
 *   whose writes leave the stored options and variants alone
 */
gboolean
comptoir_product_get_details_loaded (ComptoirProduct *self)
{
  g_return_val_if_fail (COMPTOIR_IS_PRODUCT (self), FALSE);
  return self->details_loaded;
}
