/**
 * Layered settings (file, environment, flags) with errors that name the setting and its source
 * ({@link io.buzz.config.Settings}).
 */
package io.buzz.config;
