// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A product has zero, one or two options ("Taille": S, M, L; "Couleur":
 * rouge, bleu). With options, each combination of their values is a
 * variant with its own price, stock and SKU. Both are plain boxed structs:
 * they belong to their ComptoirProduct and are saved with it, in the same
 * transaction (comptoir_product_write()). */

#define COMPTOIR_MAX_OPTIONS 2

typedef struct
{
  char  *name;
  GStrv  values;
} ComptoirProductOption;

typedef struct
{
  char     *value1;
  char     *value2;          /* NULL when the product has one option */
  gint64    price_cents;
  gboolean  stock_tracked;
  gint64    stock;
  char     *sku;
} ComptoirVariant;

#define COMPTOIR_TYPE_PRODUCT_OPTION (comptoir_product_option_get_type ())
#define COMPTOIR_TYPE_VARIANT (comptoir_variant_get_type ())

GType                  comptoir_product_option_get_type (void) G_GNUC_CONST;
ComptoirProductOption *comptoir_product_option_new      (const char                  *name,
                                                         const char * const          *values);
ComptoirProductOption *comptoir_product_option_copy     (const ComptoirProductOption *option);
void                   comptoir_product_option_free     (ComptoirProductOption       *option);

GType                  comptoir_variant_get_type        (void) G_GNUC_CONST;
ComptoirVariant       *comptoir_variant_new             (const char                  *value1,
                                                         const char                  *value2,
                                                         gint64                       price_cents);
ComptoirVariant       *comptoir_variant_copy            (const ComptoirVariant       *variant);
void                   comptoir_variant_free            (ComptoirVariant             *variant);

GPtrArray             *comptoir_variants_generate       (GPtrArray                   *options,
                                                         GPtrArray                   *existing,
                                                         gint64                       default_price_cents);
gboolean               comptoir_variants_check          (GPtrArray                   *options,
                                                         GPtrArray                   *variants,
                                                         GError                     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ComptoirProductOption, comptoir_product_option_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ComptoirVariant, comptoir_variant_free)

G_END_DECLS
