/** The OpenAPI document as tools read it: the answers, schemas and tags every operation shares. */
package io.texium.scheduler.openapi;
