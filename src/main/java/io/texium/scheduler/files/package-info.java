/**
 * Files the scheduler makes for users to fetch later (backups, reports), kept in MongoDB's GridFS so that every
 * instance on the same store serves them.
 */
package io.texium.scheduler.files;
