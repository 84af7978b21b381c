// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib-object.h>

#include "comptoir-variant.h"

G_BEGIN_DECLS

#define COMPTOIR_TYPE_PRODUCT (comptoir_product_get_type ())
G_DECLARE_FINAL_TYPE (ComptoirProduct, comptoir_product, COMPTOIR, PRODUCT, GObject)

ComptoirProduct *comptoir_product_new (void);

gint64 comptoir_product_get_id (ComptoirProduct *self);
void comptoir_product_set_id (ComptoirProduct *self, gint64 value);
const char *comptoir_product_get_uuid (ComptoirProduct *self);
void comptoir_product_set_uuid (ComptoirProduct *self, const char *value);
const char *comptoir_product_get_name (ComptoirProduct *self);
void comptoir_product_set_name (ComptoirProduct *self, const char *value);
const char *comptoir_product_get_description (ComptoirProduct *self);
void comptoir_product_set_description (ComptoirProduct *self, const char *value);
gint64 comptoir_product_get_price_cents (ComptoirProduct *self);
void comptoir_product_set_price_cents (ComptoirProduct *self, gint64 value);
int comptoir_product_get_vat_rate (ComptoirProduct *self);
void comptoir_product_set_vat_rate (ComptoirProduct *self, int value);
const char *comptoir_product_get_unit (ComptoirProduct *self);
void comptoir_product_set_unit (ComptoirProduct *self, const char *value);
gboolean comptoir_product_get_stock_tracked (ComptoirProduct *self);
void comptoir_product_set_stock_tracked (ComptoirProduct *self, gboolean value);
gint64 comptoir_product_get_stock (ComptoirProduct *self);
void comptoir_product_set_stock (ComptoirProduct *self, gint64 value);
const char *comptoir_product_get_sku (ComptoirProduct *self);
void comptoir_product_set_sku (ComptoirProduct *self, const char *value);
const char *comptoir_product_get_gtin (ComptoirProduct *self);
void comptoir_product_set_gtin (ComptoirProduct *self, const char *value);
const char *comptoir_product_get_category (ComptoirProduct *self);
void comptoir_product_set_category (ComptoirProduct *self, const char *value);
guint comptoir_product_get_visibility (ComptoirProduct *self);
void comptoir_product_set_visibility (ComptoirProduct *self, guint value);
gboolean comptoir_product_get_archived (ComptoirProduct *self);
void comptoir_product_set_archived (ComptoirProduct *self, gboolean value);
gboolean comptoir_product_get_refused (ComptoirProduct *self);
void comptoir_product_set_refused (ComptoirProduct *self, gboolean value);
const char *comptoir_product_get_cover_hash (ComptoirProduct *self);
void comptoir_product_set_cover_hash (ComptoirProduct *self, const char *value);
const char *comptoir_product_get_updated_at (ComptoirProduct *self);
void comptoir_product_set_updated_at (ComptoirProduct *self, const char *value);

GPtrArray *comptoir_product_get_options (ComptoirProduct *self);
void comptoir_product_set_options (ComptoirProduct *self, GPtrArray *options);
GPtrArray *comptoir_product_get_variants (ComptoirProduct *self);
void comptoir_product_set_variants (ComptoirProduct *self, GPtrArray *variants);
gboolean comptoir_product_get_details_loaded (ComptoirProduct *self);

typedef enum
{
  COMPTOIR_VISIBILITY_PRIVATE     = 0,
  COMPTOIR_VISIBILITY_MARKETPLACE = 1 << 0,
  COMPTOIR_VISIBILITY_DIRECTORY   = 1 << 1,
} ComptoirVisibility;


G_END_DECLS
