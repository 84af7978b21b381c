// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib-object.h>

#include "comptoir-opening-hours.h"
#include "comptoir-store.h"

G_BEGIN_DECLS

#define COMPTOIR_TYPE_SHOP (comptoir_shop_get_type ())
G_DECLARE_FINAL_TYPE (ComptoirShop, comptoir_shop, COMPTOIR, SHOP, GObject)

/**
 * ComptoirShopMissing:
 *
 * What a first-time merchant still has to fill in, most important first.
 */
typedef enum
{
  COMPTOIR_SHOP_MISSING_NAME        = 1 << 0,
  COMPTOIR_SHOP_MISSING_DESCRIPTION = 1 << 1,
  COMPTOIR_SHOP_MISSING_CATEGORY    = 1 << 2,
  COMPTOIR_SHOP_MISSING_LOGO        = 1 << 3,
  COMPTOIR_SHOP_MISSING_COVER       = 1 << 4,
  COMPTOIR_SHOP_MISSING_ADDRESS     = 1 << 5,
  COMPTOIR_SHOP_MISSING_PHONE       = 1 << 6,
  COMPTOIR_SHOP_MISSING_HOURS       = 1 << 7,
} ComptoirShopMissing;

ComptoirShop *comptoir_shop_new                 (void);
ComptoirShop *comptoir_shop_copy                (ComptoirShop   *self);
ComptoirShop *comptoir_shop_load                (ComptoirStore  *store,
                                                 GError        **error);
gboolean      comptoir_shop_save                (ComptoirStore  *store,
                                                 ComptoirShop   *shop,
                                                 GError        **error);
guint         comptoir_shop_get_missing         (ComptoirShop   *self);

#define COMPTOIR_SHOP_STRING_PROPERTY(field) \
  const char *comptoir_shop_get_##field (ComptoirShop *self); \
  void        comptoir_shop_set_##field (ComptoirShop *self, const char *value);

COMPTOIR_SHOP_STRING_PROPERTY (name)
COMPTOIR_SHOP_STRING_PROPERTY (tagline)
COMPTOIR_SHOP_STRING_PROPERTY (description)
COMPTOIR_SHOP_STRING_PROPERTY (category)
COMPTOIR_SHOP_STRING_PROPERTY (street)
COMPTOIR_SHOP_STRING_PROPERTY (postcode)
COMPTOIR_SHOP_STRING_PROPERTY (city)
COMPTOIR_SHOP_STRING_PROPERTY (phone)
COMPTOIR_SHOP_STRING_PROPERTY (email)
COMPTOIR_SHOP_STRING_PROPERTY (website)
COMPTOIR_SHOP_STRING_PROPERTY (siret)
COMPTOIR_SHOP_STRING_PROPERTY (logo_hash)
COMPTOIR_SHOP_STRING_PROPERTY (cover_hash)
COMPTOIR_SHOP_STRING_PROPERTY (updated_at)

#undef COMPTOIR_SHOP_STRING_PROPERTY

const char * const *comptoir_shop_get_social_links        (ComptoirShop *self);
void                comptoir_shop_set_social_links        (ComptoirShop *self,
                                                           const char * const *links);
const ComptoirOpeningHours *comptoir_shop_get_opening_hours (ComptoirShop *self);
void                comptoir_shop_set_opening_hours       (ComptoirShop *self,
                                                           const ComptoirOpeningHours *hours);

/* Services */
gboolean            comptoir_shop_get_click_and_collect   (ComptoirShop *self);
void                comptoir_shop_set_click_and_collect   (ComptoirShop *self,
                                                           gboolean      value);
gboolean            comptoir_shop_get_delivery            (ComptoirShop *self);
void                comptoir_shop_set_delivery            (ComptoirShop *self,
                                                           gboolean      value);
const char * const *comptoir_shop_get_delivery_communes   (ComptoirShop *self);
void                comptoir_shop_set_delivery_communes   (ComptoirShop *self,
                                                           const char * const *communes);
guint               comptoir_shop_get_delivery_radius_km  (ComptoirShop *self);
void                comptoir_shop_set_delivery_radius_km  (ComptoirShop *self,
                                                           guint         km);
gint64              comptoir_shop_get_delivery_fee_cents  (ComptoirShop *self);
void                comptoir_shop_set_delivery_fee_cents  (ComptoirShop *self,
                                                           gint64        cents);
gint64              comptoir_shop_get_delivery_free_above_cents (ComptoirShop *self);
void                comptoir_shop_set_delivery_free_above_cents (ComptoirShop *self,
                                                                 gint64        cents);
gboolean            comptoir_shop_get_shipping            (ComptoirShop *self);
void                comptoir_shop_set_shipping            (ComptoirShop *self,
                                                           gboolean      value);
const char * const *comptoir_shop_get_payment_methods     (ComptoirShop *self);
void                comptoir_shop_set_payment_methods     (ComptoirShop *self,
                                                           const char * const *methods);
gboolean            comptoir_shop_accepts_payment         (ComptoirShop *self,
                                                           const char   *method);

/* Categories and payment methods are stored as these identifiers. */
const char * const *comptoir_shop_categories              (void);
const char         *comptoir_shop_category_label          (const char   *category);
const char * const *comptoir_shop_payment_method_ids      (void);
const char         *comptoir_shop_payment_method_label    (const char   *method);

G_END_DECLS
