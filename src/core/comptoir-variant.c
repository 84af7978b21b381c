// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-variant"

#include "comptoir-i18n.h"

#include "comptoir-error.h"
#include "comptoir-money.h"
#include "comptoir-variant.h"

G_DEFINE_BOXED_TYPE (ComptoirProductOption, comptoir_product_option,
                     comptoir_product_option_copy, comptoir_product_option_free)
G_DEFINE_BOXED_TYPE (ComptoirVariant, comptoir_variant,
                     comptoir_variant_copy, comptoir_variant_free)

ComptoirProductOption *
comptoir_product_option_new (const char         *name,
                             const char * const *values)
{
  ComptoirProductOption *option = g_new0 (ComptoirProductOption, 1);
  const char *none[] = { NULL };

  option->name = g_strdup (name ? name : "");
  option->values = g_strdupv ((GStrv) (values ? values : none));
  return option;
}

ComptoirProductOption *
comptoir_product_option_copy (const ComptoirProductOption *option)
{
  return comptoir_product_option_new (option->name, (const char * const *) option->values);
}

void
comptoir_product_option_free (ComptoirProductOption *option)
{
  if (option == NULL)
    return;
  g_free (option->name);
  g_strfreev (option->values);
  g_free (option);
}

ComptoirVariant *
comptoir_variant_new (const char *value1,
                      const char *value2,
                      gint64      price_cents)
{
  ComptoirVariant *variant = g_new0 (ComptoirVariant, 1);

  variant->value1 = g_strdup (value1 ? value1 : "");
  variant->value2 = g_strdup (value2);
  variant->price_cents = price_cents;
  variant->sku = g_strdup ("");
  return variant;
}

ComptoirVariant *
comptoir_variant_copy (const ComptoirVariant *variant)
{
  ComptoirVariant *copy = comptoir_variant_new (variant->value1, variant->value2, variant->price_cents);

  copy->stock_tracked = variant->stock_tracked;
  copy->stock = variant->stock;
  g_free (copy->sku);
  copy->sku = g_strdup (variant->sku ? variant->sku : "");
  return copy;
}

void
comptoir_variant_free (ComptoirVariant *variant)
{
  if (variant == NULL)
    return;
  g_free (variant->value1);
  g_free (variant->value2);
  g_free (variant->sku);
  g_free (variant);
}

static ComptoirVariant *
find_variant (GPtrArray  *variants,
              const char *value1,
              const char *value2)
{
  for (guint i = 0; variants != NULL && i < variants->len; i++)
    {
      ComptoirVariant *v = g_ptr_array_index (variants, i);
      if (g_strcmp0 (v->value1, value1) == 0 && g_strcmp0 (v->value2, value2) == 0)
        return v;
    }
  return NULL;
}

/**
 * comptoir_variants_generate:
 * @options: (element-type ComptoirProductOption): zero to two options
 * @existing: (element-type ComptoirVariant) (nullable): the current variants
 * @default_price_cents: the price of a new combination
 *
 * Builds every combination of the values of @options, in the order of the
 * values. A combination that already exists in @existing keeps its price,
 * stock and SKU, so that adding a size does not lose what was typed.
 *
 * Returns: (transfer full) (element-type ComptoirVariant): the variants;
 *   empty when there are no options
 */
GPtrArray *
comptoir_variants_generate (GPtrArray *options,
                            GPtrArray *existing,
                            gint64     default_price_cents)
{
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) comptoir_variant_free);
  ComptoirProductOption *first;
  ComptoirProductOption *second = NULL;

  if (options == NULL || options->len == 0)
    return result;
  first = g_ptr_array_index (options, 0);
  if (options->len > 1)
    second = g_ptr_array_index (options, 1);

  for (guint i = 0; first->values[i] != NULL; i++)
    {
      guint n2 = second ? g_strv_length (second->values) : 1;

      for (guint j = 0; j < n2; j++)
        {
          const char *v2 = second ? second->values[j] : NULL;
          ComptoirVariant *old = find_variant (existing, first->values[i], v2);

          if (old != NULL)
            g_ptr_array_add (result, comptoir_variant_copy (old));
          else
            g_ptr_array_add (result, comptoir_variant_new (first->values[i], v2, default_price_cents));
        }
    }
  return result;
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text ? text : ""; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static gboolean
option_has_value (ComptoirProductOption *option,
                  const char            *value)
{
  return value != NULL && g_strv_contains ((const char * const *) option->values, value);
}

/**
 * comptoir_variants_check:
 * @options: (element-type ComptoirProductOption): the options
 * @variants: (element-type ComptoirVariant): the variants
 * @error: a #GError, with a message for the merchant
 *
 * Checks that there are at most two options, each with a name and distinct,
 * non-empty values; that every variant is a combination of those values,
 * each one once, with a valid price.
 */
gboolean
comptoir_variants_check (GPtrArray  *options,
                         GPtrArray  *variants,
                         GError    **error)
{
  guint n_options = options ? options->len : 0;

  if (n_options > COMPTOIR_MAX_OPTIONS)
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                           _("A product has at most two options, such as size and colour."));
      return FALSE;
    }

  for (guint i = 0; i < n_options; i++)
    {
      ComptoirProductOption *option = g_ptr_array_index (options, i);

      if (is_blank (option->name))
        {
          g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                               _("Give each option a name, such as “Size” or “Colour”."));
          return FALSE;
        }
      if (option->values == NULL || option->values[0] == NULL)
        {
          g_set_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                       _("Add at least one value to the option “%s”."), option->name);
          return FALSE;
        }
      for (guint j = 0; option->values[j] != NULL; j++)
        {
          if (is_blank (option->values[j]))
            {
              g_set_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                           _("The option “%s” has an empty value."), option->name);
              return FALSE;
            }
          for (guint k = 0; k < j; k++)
            if (g_strcmp0 (option->values[k], option->values[j]) == 0)
              {
                g_set_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                             _("The option “%s” lists “%s” twice."),
                             option->name, option->values[j]);
                return FALSE;
              }
        }
    }
  if (n_options == 2
      && g_strcmp0 (((ComptoirProductOption *) g_ptr_array_index (options, 0))->name,
                    ((ComptoirProductOption *) g_ptr_array_index (options, 1))->name) == 0)
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                           _("The two options need different names."));
      return FALSE;
    }

  if (n_options == 0 && variants != NULL && variants->len > 0)
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                           _("Variants need at least one option."));
      return FALSE;
    }

  for (guint i = 0; variants != NULL && i < variants->len; i++)
    {
      ComptoirVariant *v = g_ptr_array_index (variants, i);
      ComptoirProductOption *first = g_ptr_array_index (options, 0);
      ComptoirProductOption *second = n_options > 1 ? g_ptr_array_index (options, 1) : NULL;
      gboolean ok = option_has_value (first, v->value1)
                    && (second ? option_has_value (second, v->value2) : v->value2 == NULL);

      if (!ok)
        {
          g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                               _("A variant does not match the values of the options."));
          return FALSE;
        }
      for (guint k = 0; k < i; k++)
        {
          ComptoirVariant *w = g_ptr_array_index (variants, k);
          if (g_strcmp0 (w->value1, v->value1) == 0 && g_strcmp0 (w->value2, v->value2) == 0)
            {
              g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                                   _("The same variant is listed twice."));
              return FALSE;
            }
        }
      if (v->price_cents < 0 || v->price_cents > COMPTOIR_MONEY_MAX_CENTS)
        {
          g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                               _("A variant has a price that cannot be used."));
          return FALSE;
        }
    }
  return TRUE;
}
