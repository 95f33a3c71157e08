/**
 * What every controller shares: {@link dev.reproserve.web.ProblemException}, the one
 * problem+json advice, strict JSON reading and the request size limit.
 */
package dev.reproserve.web;
