/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError, $TypeError = $util.global.TypeError, $String = $util.global.String, $Number = $util.global.Number, $parseInt = $util.global.parseInt, $BigInt = $util.global.BigInt, $isFinite = $util.global.isFinite, $Boolean = $util.global.Boolean, $Array = $util.global.Array;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const gamepulse = $root.gamepulse = (() => {

    /**
     * Namespace gamepulse.
     * @exports gamepulse
     * @namespace
     */
    const gamepulse = {};

    gamepulse.v1 = (function() {

        /**
         * Namespace v1.
         * @memberof gamepulse
         * @namespace
         */
        const v1 = {};

        v1.Context = (function() {

            /**
             * Properties of a Context.
             * @typedef {Object} gamepulse.v1.Context.$Properties
             * @property {string|null} [gameId] Context gameId
             * @property {string|null} [build] Context build
             * @property {string|null} [platform] Context platform
             * @property {string|null} [os] Context os
             * @property {string|null} [country] Context country
             * @property {string|null} [locale] Context locale
             * @property {string|null} [sdkVersion] Context sdkVersion
             * @property {string|null} [device] Context device
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Context.
             * @memberof gamepulse.v1
             * @interface IContext
             * @augments gamepulse.v1.Context.$Properties
             * @deprecated Use gamepulse.v1.Context.$Properties instead.
             */

            /**
             * Shape of a Context.
             * @typedef {gamepulse.v1.Context.$Properties} gamepulse.v1.Context.$Shape
             */

            /**
             * Constructs a new Context.
             * @memberof gamepulse.v1
             * @classdesc Represents a Context.
             * @constructor
             * @param {gamepulse.v1.Context.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Context = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Context gameId.
             * @member {string} gameId
             * @memberof gamepulse.v1.Context
             * @instance
             */
            Context.prototype.gameId = "";

            /**
             * Context build.
             * @member {string} build
             * @memberof gamepulse.v1.Context
             * @instance
             */
            Context.prototype.build = "";

            /**
             * Context platform.
             * @member {string} platform
             * @memberof gamepulse.v1.Context
             * @instance
             */
            Context.prototype.platform = "";

            /**
             * Context os.
             * @member {string} os
             * @memberof gamepulse.v1.Context
             * @instance
             */
            Context.prototype.os = "";

            /**
             * Context country.
             * @member {string} country
             * @memberof gamepulse.v1.Context
             * @instance
             */
            Context.prototype.country = "";

            /**
             * Context locale.
             * @member {string} locale
             * @memberof gamepulse.v1.Context
             * @instance
             */
            Context.prototype.locale = "";

            /**
             * Context sdkVersion.
             * @member {string} sdkVersion
             * @memberof gamepulse.v1.Context
             * @instance
             */
            Context.prototype.sdkVersion = "";

            /**
             * Context device.
             * @member {string} device
             * @memberof gamepulse.v1.Context
             * @instance
             */
            Context.prototype.device = "";

            /**
             * Creates a new Context instance using the specified properties.
             * @function create
             * @memberof gamepulse.v1.Context
             * @static
             * @param {gamepulse.v1.Context.$Properties=} [properties] Properties to set
             * @returns {gamepulse.v1.Context} Context instance
             * @type {{
             *   (properties: gamepulse.v1.Context.$Shape): gamepulse.v1.Context & gamepulse.v1.Context.$Shape;
             *   (properties?: gamepulse.v1.Context.$Properties): gamepulse.v1.Context;
             * }}
             */
            Context.create = function(properties) {
                return new Context(properties);
            };

            /**
             * Encodes the specified Context message. Does not implicitly {@link gamepulse.v1.Context.verify|verify} messages.
             * @function encode
             * @memberof gamepulse.v1.Context
             * @static
             * @param {gamepulse.v1.Context.$Properties} message Context message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Context.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.gameId != null && $Object.hasOwnProperty.call(message, "gameId") && message.gameId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.gameId);
                if (message.build != null && $Object.hasOwnProperty.call(message, "build") && message.build !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.build);
                if (message.platform != null && $Object.hasOwnProperty.call(message, "platform") && message.platform !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.platform);
                if (message.os != null && $Object.hasOwnProperty.call(message, "os") && message.os !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.os);
                if (message.country != null && $Object.hasOwnProperty.call(message, "country") && message.country !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.country);
                if (message.locale != null && $Object.hasOwnProperty.call(message, "locale") && message.locale !== "")
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.locale);
                if (message.sdkVersion != null && $Object.hasOwnProperty.call(message, "sdkVersion") && message.sdkVersion !== "")
                    writer.uint32(/* id 7, wireType 2 =*/58).string(message.sdkVersion);
                if (message.device != null && $Object.hasOwnProperty.call(message, "device") && message.device !== "")
                    writer.uint32(/* id 8, wireType 2 =*/66).string(message.device);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Context message from the specified reader or buffer.
             * @function decode
             * @memberof gamepulse.v1.Context
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {gamepulse.v1.Context & gamepulse.v1.Context.$Shape} Context
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Context.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.gamepulse.v1.Context();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.gameId = value;
                            else
                                delete message.gameId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.build = value;
                            else
                                delete message.build;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.platform = value;
                            else
                                delete message.platform;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.os = value;
                            else
                                delete message.os;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.country = value;
                            else
                                delete message.country;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.locale = value;
                            else
                                delete message.locale;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.sdkVersion = value;
                            else
                                delete message.sdkVersion;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.device = value;
                            else
                                delete message.device;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Creates a Context message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof gamepulse.v1.Context
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {gamepulse.v1.Context} Context
             */
            Context.fromObject = function (object, _depth) {
                if (object instanceof $root.gamepulse.v1.Context)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".gamepulse.v1.Context: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.gamepulse.v1.Context();
                if (object.gameId != null)
                    if (typeof object.gameId !== "string" || object.gameId.length)
                        message.gameId = $String(object.gameId);
                if (object.build != null)
                    if (typeof object.build !== "string" || object.build.length)
                        message.build = $String(object.build);
                if (object.platform != null)
                    if (typeof object.platform !== "string" || object.platform.length)
                        message.platform = $String(object.platform);
                if (object.os != null)
                    if (typeof object.os !== "string" || object.os.length)
                        message.os = $String(object.os);
                if (object.country != null)
                    if (typeof object.country !== "string" || object.country.length)
                        message.country = $String(object.country);
                if (object.locale != null)
                    if (typeof object.locale !== "string" || object.locale.length)
                        message.locale = $String(object.locale);
                if (object.sdkVersion != null)
                    if (typeof object.sdkVersion !== "string" || object.sdkVersion.length)
                        message.sdkVersion = $String(object.sdkVersion);
                if (object.device != null)
                    if (typeof object.device !== "string" || object.device.length)
                        message.device = $String(object.device);
                return message;
            };

            /**
             * Creates a plain object from a Context message. Also converts values to other types if specified.
             * @function toObject
             * @memberof gamepulse.v1.Context
             * @static
             * @param {gamepulse.v1.Context} message Context
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Context.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.gameId = "";
                    object.build = "";
                    object.platform = "";
                    object.os = "";
                    object.country = "";
                    object.locale = "";
                    object.sdkVersion = "";
                    object.device = "";
                }
                if (message.gameId != null && $Object.hasOwnProperty.call(message, "gameId"))
                    object.gameId = message.gameId;
                if (message.build != null && $Object.hasOwnProperty.call(message, "build"))
                    object.build = message.build;
                if (message.platform != null && $Object.hasOwnProperty.call(message, "platform"))
                    object.platform = message.platform;
                if (message.os != null && $Object.hasOwnProperty.call(message, "os"))
                    object.os = message.os;
                if (message.country != null && $Object.hasOwnProperty.call(message, "country"))
                    object.country = message.country;
                if (message.locale != null && $Object.hasOwnProperty.call(message, "locale"))
                    object.locale = message.locale;
                if (message.sdkVersion != null && $Object.hasOwnProperty.call(message, "sdkVersion"))
                    object.sdkVersion = message.sdkVersion;
                if (message.device != null && $Object.hasOwnProperty.call(message, "device"))
                    object.device = message.device;
                return object;
            };

            /**
             * Converts this Context to JSON.
             * @function toJSON
             * @memberof gamepulse.v1.Context
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Context.prototype.toJSON = function() {
                return Context.toObject(this, $protobuf.util.toJSONOptions);
            };

            return Context;
        })();

        v1.Event = (function() {

            /**
             * Properties of an Event.
             * @typedef {Object} gamepulse.v1.Event.$Properties
             * @property {string|null} [eventId] Event eventId
             * @property {string|null} [installId] Event installId
             * @property {string|null} [playerId] Event playerId
             * @property {string|null} [sessionId] Event sessionId
             * @property {number|null} [sequence] Event sequence
             * @property {number|null} [clientTsMs] Event clientTsMs
             * @property {gamepulse.v1.Context.$Properties|null} [context] Event context
             * @property {Object.<string,string>|null} [custom] Event custom
             * @property {number|null} [sessionNumber] Event sessionNumber
             * @property {number|null} [sampleRate] Event sampleRate
             * @property {gamepulse.v1.SessionStart.$Properties|null} [sessionStart] Event sessionStart
             * @property {gamepulse.v1.SessionEnd.$Properties|null} [sessionEnd] Event sessionEnd
             * @property {gamepulse.v1.Progression.$Properties|null} [progression] Event progression
             * @property {gamepulse.v1.Purchase.$Properties|null} [purchase] Event purchase
             * @property {gamepulse.v1.Resource.$Properties|null} [resource] Event resource
             * @property {gamepulse.v1.Design.$Properties|null} [design] Event design
             * @property {gamepulse.v1.Error.$Properties|null} [error] Event error
             * @property {gamepulse.v1.Ad.$Properties|null} [ad] Event ad
             * @property {gamepulse.v1.Social.$Properties|null} [social] Event social
             * @property {gamepulse.v1.FeatureUse.$Properties|null} [featureUse] Event featureUse
             * @property {gamepulse.v1.ExperimentExposure.$Properties|null} [experimentExposure] Event experimentExposure
             * @property {"sessionStart"|"sessionEnd"|"progression"|"purchase"|"resource"|"design"|"error"|"ad"|"social"|"featureUse"|"experimentExposure"} [payload] Event payload
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Event.
             * @memberof gamepulse.v1
             * @interface IEvent
             * @augments gamepulse.v1.Event.$Properties
             * @deprecated Use gamepulse.v1.Event.$Properties instead.
             */

            /**
             * Narrowed shape of an Event.
             * @typedef {{
             *   eventId?: string|null;
             *   installId?: string|null;
             *   playerId?: string|null;
             *   sessionId?: string|null;
             *   sequence?: number|null;
             *   clientTsMs?: number|null;
             *   context?: gamepulse.v1.Context.$Shape|null;
             *   custom?: Object.<string,string>|null;
             *   sessionNumber?: number|null;
             *   sampleRate?: number|null;
             *   sessionStart?: gamepulse.v1.SessionStart.$Shape|null;
             *   sessionEnd?: gamepulse.v1.SessionEnd.$Shape|null;
             *   progression?: gamepulse.v1.Progression.$Shape|null;
             *   purchase?: gamepulse.v1.Purchase.$Shape|null;
             *   resource?: gamepulse.v1.Resource.$Shape|null;
             *   design?: gamepulse.v1.Design.$Shape|null;
             *   error?: gamepulse.v1.Error.$Shape|null;
             *   ad?: gamepulse.v1.Ad.$Shape|null;
             *   social?: gamepulse.v1.Social.$Shape|null;
             *   featureUse?: gamepulse.v1.FeatureUse.$Shape|null;
             *   experimentExposure?: gamepulse.v1.ExperimentExposure.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ payload?: undefined; sessionStart?: null; sessionEnd?: null; progression?: null; purchase?: null; resource?: null; design?: null; error?: null; ad?: null; social?: null; featureUse?: null; experimentExposure?: null }|{ payload?: "sessionStart"; sessionStart: gamepulse.v1.SessionStart.$Shape; sessionEnd?: null; progression?: null; purchase?: null; resource?: null; design?: null; error?: null; ad?: null; social?: null; featureUse?: null; experimentExposure?: null }|{ payload?: "sessionEnd"; sessionStart?: null; sessionEnd: gamepulse.v1.SessionEnd.$Shape; progression?: null; purchase?: null; resource?: null; design?: null; error?: null; ad?: null; social?: null; featureUse?: null; experimentExposure?: null }|{ payload?: "progression"; sessionStart?: null; sessionEnd?: null; progression: gamepulse.v1.Progression.$Shape; purchase?: null; resource?: null; design?: null; error?: null; ad?: null; social?: null; featureUse?: null; experimentExposure?: null }|{ payload?: "purchase"; sessionStart?: null; sessionEnd?: null; progression?: null; purchase: gamepulse.v1.Purchase.$Shape; resource?: null; design?: null; error?: null; ad?: null; social?: null; featureUse?: null; experimentExposure?: null }|{ payload?: "resource"; sessionStart?: null; sessionEnd?: null; progression?: null; purchase?: null; resource: gamepulse.v1.Resource.$Shape; design?: null; error?: null; ad?: null; social?: null; featureUse?: null; experimentExposure?: null }|{ payload?: "design"; sessionStart?: null; sessionEnd?: null; progression?: null; purchase?: null; resource?: null; design: gamepulse.v1.Design.$Shape; error?: null; ad?: null; social?: null; featureUse?: null; experimentExposure?: null }|{ payload?: "error"; sessionStart?: null; sessionEnd?: null; progression?: null; purchase?: null; resource?: null; design?: null; error: gamepulse.v1.Error.$Shape; ad?: null; social?: null; featureUse?: null; experimentExposure?: null }|{ payload?: "ad"; sessionStart?: null; sessionEnd?: null; progression?: null; purchase?: null; resource?: null; design?: null; error?: null; ad: gamepulse.v1.Ad.$Shape; social?: null; featureUse?: null; experimentExposure?: null }|{ payload?: "social"; sessionStart?: null; sessionEnd?: null; progression?: null; purchase?: null; resource?: null; design?: null; error?: null; ad?: null; social: gamepulse.v1.Social.$Shape; featureUse?: null; experimentExposure?: null }|{ payload?: "featureUse"; sessionStart?: null; sessionEnd?: null; progression?: null; purchase?: null; resource?: null; design?: null; error?: null; ad?: null; social?: null; featureUse: gamepulse.v1.FeatureUse.$Shape; experimentExposure?: null }|{ payload?: "experimentExposure"; sessionStart?: null; sessionEnd?: null; progression?: null; purchase?: null; resource?: null; design?: null; error?: null; ad?: null; social?: null; featureUse?: null; experimentExposure: gamepulse.v1.ExperimentExposure.$Shape })
             * )} gamepulse.v1.Event.$Shape
             */

            /**
             * Constructs a new Event.
             * @memberof gamepulse.v1
             * @classdesc Represents an Event.
             * @constructor
             * @param {gamepulse.v1.Event.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Event = function (properties) {
                this.custom = {};
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Event eventId.
             * @member {string} eventId
             * @memberof gamepulse.v1.Event
             * @instance
             */
            Event.prototype.eventId = "";

            /**
             * Event installId.
             * @member {string} installId
             * @memberof gamepulse.v1.Event
             * @instance
             */
            Event.prototype.installId = "";

            /**
             * Event playerId.
             * @member {string} playerId
             * @memberof gamepulse.v1.Event
             * @instance
             */
            Event.prototype.playerId = "";

            /**
             * Event sessionId.
             * @member {string} sessionId
             * @memberof gamepulse.v1.Event
             * @instance
             */
            Event.prototype.sessionId = "";

            /**
             * Event sequence.
             * @member {number} sequence
             * @memberof gamepulse.v1.Event
             * @instance
             */
            Event.prototype.sequence = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Event clientTsMs.
             * @member {number} clientTsMs
             * @memberof gamepulse.v1.Event
             * @instance
             */
            Event.prototype.clientTsMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Event context.
             * @member {gamepulse.v1.Context.$Properties|null|undefined} context
             * @memberof gamepulse.v1.Event
             * @instance
             */
            Event.prototype.context = null;

            /**
             * Event custom.
             * @member {Object.<string,string>} custom
             * @memberof gamepulse.v1.Event
             * @instance
             */
            Event.prototype.custom = $util.emptyObject;

            /**
             * Event sessionNumber.
             * @member {number} sessionNumber
             * @memberof gamepulse.v1.Event
             * @instance
             */
            Event.prototype.sessionNumber = 0;

            /**
             * Event sampleRate.
             * @member {number} sampleRate
             * @memberof gamepulse.v1.Event
             * @instance
             */
            Event.prototype.sampleRate = 0;

            /**
             * Event sessionStart.
             * @member {gamepulse.v1.SessionStart.$Properties|null|undefined} sessionStart
             * @memberof gamepulse.v1.Event
             * @instance
             */
            Event.prototype.sessionStart = null;

            /**
             * Event sessionEnd.
             * @member {gamepulse.v1.SessionEnd.$Properties|null|undefined} sessionEnd
             * @memberof gamepulse.v1.Event
             * @instance
             */
            Event.prototype.sessionEnd = null;

            /**
             * Event progression.
             * @member {gamepulse.v1.Progression.$Properties|null|undefined} progression
             * @memberof gamepulse.v1.Event
             * @instance
             */
            Event.prototype.progression = null;

            /**
             * Event purchase.
             * @member {gamepulse.v1.Purchase.$Properties|null|undefined} purchase
             * @memberof gamepulse.v1.Event
             * @instance
             */
            Event.prototype.purchase = null;

            /**
             * Event resource.
             * @member {gamepulse.v1.Resource.$Properties|null|undefined} resource
             * @memberof gamepulse.v1.Event
             * @instance
             */
            Event.prototype.resource = null;

            /**
             * Event design.
             * @member {gamepulse.v1.Design.$Properties|null|undefined} design
             * @memberof gamepulse.v1.Event
             * @instance
             */
            Event.prototype.design = null;

            /**
             * Event error.
             * @member {gamepulse.v1.Error.$Properties|null|undefined} error
             * @memberof gamepulse.v1.Event
             * @instance
             */
            Event.prototype.error = null;

            /**
             * Event ad.
             * @member {gamepulse.v1.Ad.$Properties|null|undefined} ad
             * @memberof gamepulse.v1.Event
             * @instance
             */
            Event.prototype.ad = null;

            /**
             * Event social.
             * @member {gamepulse.v1.Social.$Properties|null|undefined} social
             * @memberof gamepulse.v1.Event
             * @instance
             */
            Event.prototype.social = null;

            /**
             * Event featureUse.
             * @member {gamepulse.v1.FeatureUse.$Properties|null|undefined} featureUse
             * @memberof gamepulse.v1.Event
             * @instance
             */
            Event.prototype.featureUse = null;

            /**
             * Event experimentExposure.
             * @member {gamepulse.v1.ExperimentExposure.$Properties|null|undefined} experimentExposure
             * @memberof gamepulse.v1.Event
             * @instance
             */
            Event.prototype.experimentExposure = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * Event payload.
             * @member {"sessionStart"|"sessionEnd"|"progression"|"purchase"|"resource"|"design"|"error"|"ad"|"social"|"featureUse"|"experimentExposure"|undefined} payload
             * @memberof gamepulse.v1.Event
             * @instance
             */
            $Object.defineProperty(Event.prototype, "payload", {
                get: $util.oneOfGetter($oneOfFields = ["sessionStart", "sessionEnd", "progression", "purchase", "resource", "design", "error", "ad", "social", "featureUse", "experimentExposure"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new Event instance using the specified properties.
             * @function create
             * @memberof gamepulse.v1.Event
             * @static
             * @param {gamepulse.v1.Event.$Properties=} [properties] Properties to set
             * @returns {gamepulse.v1.Event} Event instance
             * @type {{
             *   (properties: gamepulse.v1.Event.$Shape): gamepulse.v1.Event & gamepulse.v1.Event.$Shape;
             *   (properties?: gamepulse.v1.Event.$Properties): gamepulse.v1.Event;
             * }}
             */
            Event.create = function(properties) {
                return new Event(properties);
            };

            /**
             * Encodes the specified Event message. Does not implicitly {@link gamepulse.v1.Event.verify|verify} messages.
             * @function encode
             * @memberof gamepulse.v1.Event
             * @static
             * @param {gamepulse.v1.Event.$Properties} message Event message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Event.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.eventId != null && $Object.hasOwnProperty.call(message, "eventId") && message.eventId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.eventId);
                if (message.installId != null && $Object.hasOwnProperty.call(message, "installId") && message.installId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.installId);
                if (message.playerId != null && $Object.hasOwnProperty.call(message, "playerId") && message.playerId !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.playerId);
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId") && message.sessionId !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.sessionId);
                if (message.sequence != null && $Object.hasOwnProperty.call(message, "sequence") && (typeof message.sequence === "object" ? message.sequence.low || message.sequence.high : message.sequence !== 0))
                    writer.uint32(/* id 5, wireType 0 =*/40).uint64(message.sequence);
                if (message.clientTsMs != null && $Object.hasOwnProperty.call(message, "clientTsMs") && (typeof message.clientTsMs === "object" ? message.clientTsMs.low || message.clientTsMs.high : message.clientTsMs !== 0))
                    writer.uint32(/* id 6, wireType 0 =*/48).int64(message.clientTsMs);
                if (message.context != null && $Object.hasOwnProperty.call(message, "context"))
                    $root.gamepulse.v1.Context.encode(message.context, writer.uint32(/* id 7, wireType 2 =*/58).fork(), _depth + 1).ldelim();
                if (message.custom != null && $Object.hasOwnProperty.call(message, "custom"))
                    for (let keys = $Object.keys(message.custom), i = 0; i < keys.length; ++i)
                        writer.uint32(/* id 8, wireType 2 =*/66).fork().uint32(/* id 1, wireType 2 =*/10).string(keys[i]).uint32(/* id 2, wireType 2 =*/18).string(message.custom[keys[i]]).ldelim();
                if (message.sessionNumber != null && $Object.hasOwnProperty.call(message, "sessionNumber") && message.sessionNumber !== 0)
                    writer.uint32(/* id 9, wireType 0 =*/72).uint32(message.sessionNumber);
                if (message.sampleRate != null && $Object.hasOwnProperty.call(message, "sampleRate") && !$Object.is(message.sampleRate, 0))
                    writer.uint32(/* id 10, wireType 1 =*/81).double(message.sampleRate);
                if (message.sessionStart != null && $Object.hasOwnProperty.call(message, "sessionStart"))
                    $root.gamepulse.v1.SessionStart.encode(message.sessionStart, writer.uint32(/* id 20, wireType 2 =*/162).fork(), _depth + 1).ldelim();
                if (message.sessionEnd != null && $Object.hasOwnProperty.call(message, "sessionEnd"))
                    $root.gamepulse.v1.SessionEnd.encode(message.sessionEnd, writer.uint32(/* id 21, wireType 2 =*/170).fork(), _depth + 1).ldelim();
                if (message.progression != null && $Object.hasOwnProperty.call(message, "progression"))
                    $root.gamepulse.v1.Progression.encode(message.progression, writer.uint32(/* id 22, wireType 2 =*/178).fork(), _depth + 1).ldelim();
                if (message.purchase != null && $Object.hasOwnProperty.call(message, "purchase"))
                    $root.gamepulse.v1.Purchase.encode(message.purchase, writer.uint32(/* id 23, wireType 2 =*/186).fork(), _depth + 1).ldelim();
                if (message.resource != null && $Object.hasOwnProperty.call(message, "resource"))
                    $root.gamepulse.v1.Resource.encode(message.resource, writer.uint32(/* id 24, wireType 2 =*/194).fork(), _depth + 1).ldelim();
                if (message.design != null && $Object.hasOwnProperty.call(message, "design"))
                    $root.gamepulse.v1.Design.encode(message.design, writer.uint32(/* id 25, wireType 2 =*/202).fork(), _depth + 1).ldelim();
                if (message.error != null && $Object.hasOwnProperty.call(message, "error"))
                    $root.gamepulse.v1.Error.encode(message.error, writer.uint32(/* id 26, wireType 2 =*/210).fork(), _depth + 1).ldelim();
                if (message.ad != null && $Object.hasOwnProperty.call(message, "ad"))
                    $root.gamepulse.v1.Ad.encode(message.ad, writer.uint32(/* id 27, wireType 2 =*/218).fork(), _depth + 1).ldelim();
                if (message.social != null && $Object.hasOwnProperty.call(message, "social"))
                    $root.gamepulse.v1.Social.encode(message.social, writer.uint32(/* id 28, wireType 2 =*/226).fork(), _depth + 1).ldelim();
                if (message.featureUse != null && $Object.hasOwnProperty.call(message, "featureUse"))
                    $root.gamepulse.v1.FeatureUse.encode(message.featureUse, writer.uint32(/* id 29, wireType 2 =*/234).fork(), _depth + 1).ldelim();
                if (message.experimentExposure != null && $Object.hasOwnProperty.call(message, "experimentExposure"))
                    $root.gamepulse.v1.ExperimentExposure.encode(message.experimentExposure, writer.uint32(/* id 30, wireType 2 =*/242).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an Event message from the specified reader or buffer.
             * @function decode
             * @memberof gamepulse.v1.Event
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {gamepulse.v1.Event & gamepulse.v1.Event.$Shape} Event
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Event.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, key, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.gamepulse.v1.Event();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.eventId = value;
                            else
                                delete message.eventId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.installId = value;
                            else
                                delete message.installId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.playerId = value;
                            else
                                delete message.playerId;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.sessionId = value;
                            else
                                delete message.sessionId;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.sequence = value;
                            else
                                delete message.sequence;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.clientTsMs = value;
                            else
                                delete message.clientTsMs;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            message.context = $root.gamepulse.v1.Context.decode(reader, reader.size(), $undefined, _depth + 1, message.context);
                            continue;
                        }
                    case 8: {
                            if (wireType !== 2)
                                break;
                            if (message.custom === $util.emptyObject)
                                message.custom = {};
                            let end2 = reader.size() + reader.pos;
                            if (end2 > reader.len)
                                throw $RangeError("index out of range");
                            reader.len = end2;
                            key = "";
                            value = "";
                            while (reader.pos < end2) {
                                let tag2 = reader.tag();
                                wireType = tag2 & 7;
                                switch (tag2 >>>= 3) {
                                case 1:
                                    if (wireType !== 2)
                                        break;
                                    key = reader.stringVerify();
                                    continue;
                                case 2:
                                    if (wireType !== 2)
                                        break;
                                    value = reader.stringVerify();
                                    continue;
                                }
                                reader.skipType(wireType, _depth, tag2);
                            }
                            if (reader.pos !== end2)
                                throw $RangeError("index out of range");
                            reader.len = end;
                            if (key === "__proto__")
                                $util.makeProp(message.custom, key);
                            message.custom[key] = value;
                            continue;
                        }
                    case 9: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.sessionNumber = value;
                            else
                                delete message.sessionNumber;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 1)
                                break;
                            if (!$Object.is(value = reader.double(), 0))
                                message.sampleRate = value;
                            else
                                delete message.sampleRate;
                            continue;
                        }
                    case 20: {
                            if (wireType !== 2)
                                break;
                            message.sessionStart = $root.gamepulse.v1.SessionStart.decode(reader, reader.size(), $undefined, _depth + 1, message.sessionStart);
                            message.payload = "sessionStart";
                            continue;
                        }
                    case 21: {
                            if (wireType !== 2)
                                break;
                            message.sessionEnd = $root.gamepulse.v1.SessionEnd.decode(reader, reader.size(), $undefined, _depth + 1, message.sessionEnd);
                            message.payload = "sessionEnd";
                            continue;
                        }
                    case 22: {
                            if (wireType !== 2)
                                break;
                            message.progression = $root.gamepulse.v1.Progression.decode(reader, reader.size(), $undefined, _depth + 1, message.progression);
                            message.payload = "progression";
                            continue;
                        }
                    case 23: {
                            if (wireType !== 2)
                                break;
                            message.purchase = $root.gamepulse.v1.Purchase.decode(reader, reader.size(), $undefined, _depth + 1, message.purchase);
                            message.payload = "purchase";
                            continue;
                        }
                    case 24: {
                            if (wireType !== 2)
                                break;
                            message.resource = $root.gamepulse.v1.Resource.decode(reader, reader.size(), $undefined, _depth + 1, message.resource);
                            message.payload = "resource";
                            continue;
                        }
                    case 25: {
                            if (wireType !== 2)
                                break;
                            message.design = $root.gamepulse.v1.Design.decode(reader, reader.size(), $undefined, _depth + 1, message.design);
                            message.payload = "design";
                            continue;
                        }
                    case 26: {
                            if (wireType !== 2)
                                break;
                            message.error = $root.gamepulse.v1.Error.decode(reader, reader.size(), $undefined, _depth + 1, message.error);
                            message.payload = "error";
                            continue;
                        }
                    case 27: {
                            if (wireType !== 2)
                                break;
                            message.ad = $root.gamepulse.v1.Ad.decode(reader, reader.size(), $undefined, _depth + 1, message.ad);
                            message.payload = "ad";
                            continue;
                        }
                    case 28: {
                            if (wireType !== 2)
                                break;
                            message.social = $root.gamepulse.v1.Social.decode(reader, reader.size(), $undefined, _depth + 1, message.social);
                            message.payload = "social";
                            continue;
                        }
                    case 29: {
                            if (wireType !== 2)
                                break;
                            message.featureUse = $root.gamepulse.v1.FeatureUse.decode(reader, reader.size(), $undefined, _depth + 1, message.featureUse);
                            message.payload = "featureUse";
                            continue;
                        }
                    case 30: {
                            if (wireType !== 2)
                                break;
                            message.experimentExposure = $root.gamepulse.v1.ExperimentExposure.decode(reader, reader.size(), $undefined, _depth + 1, message.experimentExposure);
                            message.payload = "experimentExposure";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Creates an Event message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof gamepulse.v1.Event
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {gamepulse.v1.Event} Event
             */
            Event.fromObject = function (object, _depth) {
                if (object instanceof $root.gamepulse.v1.Event)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".gamepulse.v1.Event: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.gamepulse.v1.Event();
                if (object.eventId != null)
                    if (typeof object.eventId !== "string" || object.eventId.length)
                        message.eventId = $String(object.eventId);
                if (object.installId != null)
                    if (typeof object.installId !== "string" || object.installId.length)
                        message.installId = $String(object.installId);
                if (object.playerId != null)
                    if (typeof object.playerId !== "string" || object.playerId.length)
                        message.playerId = $String(object.playerId);
                if (object.sessionId != null)
                    if (typeof object.sessionId !== "string" || object.sessionId.length)
                        message.sessionId = $String(object.sessionId);
                if (object.sequence != null)
                    if (typeof object.sequence === "object" ? object.sequence.low || object.sequence.high : $Number(object.sequence) !== 0)
                        if ($util.Long)
                            message.sequence = $util.Long.fromValue(object.sequence, true);
                        else if (typeof object.sequence === "string")
                            message.sequence = $parseInt(object.sequence, 10);
                        else if (typeof object.sequence === "number")
                            message.sequence = object.sequence;
                        else if (typeof object.sequence === "object")
                            message.sequence = new $util.LongBits(object.sequence.low >>> 0, object.sequence.high >>> 0).toNumber(true);
                if (object.clientTsMs != null)
                    if (typeof object.clientTsMs === "object" ? object.clientTsMs.low || object.clientTsMs.high : $Number(object.clientTsMs) !== 0)
                        if ($util.Long)
                            message.clientTsMs = $util.Long.fromValue(object.clientTsMs, false);
                        else if (typeof object.clientTsMs === "string")
                            message.clientTsMs = $parseInt(object.clientTsMs, 10);
                        else if (typeof object.clientTsMs === "number")
                            message.clientTsMs = object.clientTsMs;
                        else if (typeof object.clientTsMs === "object")
                            message.clientTsMs = new $util.LongBits(object.clientTsMs.low >>> 0, object.clientTsMs.high >>> 0).toNumber();
                if (object.context != null) {
                    if (!$util.isObject(object.context))
                        throw $TypeError(".gamepulse.v1.Event.context: object expected");
                    message.context = $root.gamepulse.v1.Context.fromObject(object.context, _depth + 1);
                }
                if (object.custom) {
                    if (!$util.isObject(object.custom))
                        throw $TypeError(".gamepulse.v1.Event.custom: object expected");
                    message.custom = {};
                    for (let keys = $Object.keys(object.custom), i = 0; i < keys.length; ++i) {
                        if (keys[i] === "__proto__")
                            $util.makeProp(message.custom, keys[i]);
                        message.custom[keys[i]] = $String(object.custom[keys[i]]);
                    }
                }
                if (object.sessionNumber != null)
                    if ($Number(object.sessionNumber) !== 0)
                        message.sessionNumber = object.sessionNumber >>> 0;
                if (object.sampleRate != null)
                    if (!$Object.is($Number(object.sampleRate), 0))
                        message.sampleRate = $Number(object.sampleRate);
                if (object.sessionStart != null) {
                    if (!$util.isObject(object.sessionStart))
                        throw $TypeError(".gamepulse.v1.Event.sessionStart: object expected");
                    message.sessionStart = $root.gamepulse.v1.SessionStart.fromObject(object.sessionStart, _depth + 1);
                }
                if (object.sessionEnd != null) {
                    if (!$util.isObject(object.sessionEnd))
                        throw $TypeError(".gamepulse.v1.Event.sessionEnd: object expected");
                    message.sessionEnd = $root.gamepulse.v1.SessionEnd.fromObject(object.sessionEnd, _depth + 1);
                }
                if (object.progression != null) {
                    if (!$util.isObject(object.progression))
                        throw $TypeError(".gamepulse.v1.Event.progression: object expected");
                    message.progression = $root.gamepulse.v1.Progression.fromObject(object.progression, _depth + 1);
                }
                if (object.purchase != null) {
                    if (!$util.isObject(object.purchase))
                        throw $TypeError(".gamepulse.v1.Event.purchase: object expected");
                    message.purchase = $root.gamepulse.v1.Purchase.fromObject(object.purchase, _depth + 1);
                }
                if (object.resource != null) {
                    if (!$util.isObject(object.resource))
                        throw $TypeError(".gamepulse.v1.Event.resource: object expected");
                    message.resource = $root.gamepulse.v1.Resource.fromObject(object.resource, _depth + 1);
                }
                if (object.design != null) {
                    if (!$util.isObject(object.design))
                        throw $TypeError(".gamepulse.v1.Event.design: object expected");
                    message.design = $root.gamepulse.v1.Design.fromObject(object.design, _depth + 1);
                }
                if (object.error != null) {
                    if (!$util.isObject(object.error))
                        throw $TypeError(".gamepulse.v1.Event.error: object expected");
                    message.error = $root.gamepulse.v1.Error.fromObject(object.error, _depth + 1);
                }
                if (object.ad != null) {
                    if (!$util.isObject(object.ad))
                        throw $TypeError(".gamepulse.v1.Event.ad: object expected");
                    message.ad = $root.gamepulse.v1.Ad.fromObject(object.ad, _depth + 1);
                }
                if (object.social != null) {
                    if (!$util.isObject(object.social))
                        throw $TypeError(".gamepulse.v1.Event.social: object expected");
                    message.social = $root.gamepulse.v1.Social.fromObject(object.social, _depth + 1);
                }
                if (object.featureUse != null) {
                    if (!$util.isObject(object.featureUse))
                        throw $TypeError(".gamepulse.v1.Event.featureUse: object expected");
                    message.featureUse = $root.gamepulse.v1.FeatureUse.fromObject(object.featureUse, _depth + 1);
                }
                if (object.experimentExposure != null) {
                    if (!$util.isObject(object.experimentExposure))
                        throw $TypeError(".gamepulse.v1.Event.experimentExposure: object expected");
                    message.experimentExposure = $root.gamepulse.v1.ExperimentExposure.fromObject(object.experimentExposure, _depth + 1);
                }
                return message;
            };

            /**
             * Creates a plain object from an Event message. Also converts values to other types if specified.
             * @function toObject
             * @memberof gamepulse.v1.Event
             * @static
             * @param {gamepulse.v1.Event} message Event
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Event.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.objects || options.defaults)
                    object.custom = {};
                if (options.defaults) {
                    object.eventId = "";
                    object.installId = "";
                    object.playerId = "";
                    object.sessionId = "";
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.sequence = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.sequence = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.clientTsMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.clientTsMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.context = null;
                    object.sessionNumber = 0;
                    object.sampleRate = 0;
                }
                if (message.eventId != null && $Object.hasOwnProperty.call(message, "eventId"))
                    object.eventId = message.eventId;
                if (message.installId != null && $Object.hasOwnProperty.call(message, "installId"))
                    object.installId = message.installId;
                if (message.playerId != null && $Object.hasOwnProperty.call(message, "playerId"))
                    object.playerId = message.playerId;
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId"))
                    object.sessionId = message.sessionId;
                if (message.sequence != null && $Object.hasOwnProperty.call(message, "sequence"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.sequence = typeof message.sequence === "number" ? $BigInt(message.sequence) : $util.Long.fromBits(message.sequence.low >>> 0, message.sequence.high >>> 0, true).toBigInt();
                    else if (typeof message.sequence === "number")
                        object.sequence = options.longs === $String ? $String(message.sequence) : message.sequence;
                    else
                        object.sequence = options.longs === $String ? $util.Long.prototype.toString.call(message.sequence) : options.longs === $Number ? new $util.LongBits(message.sequence.low >>> 0, message.sequence.high >>> 0).toNumber(true) : message.sequence;
                if (message.clientTsMs != null && $Object.hasOwnProperty.call(message, "clientTsMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.clientTsMs = typeof message.clientTsMs === "number" ? $BigInt(message.clientTsMs) : $util.Long.fromBits(message.clientTsMs.low >>> 0, message.clientTsMs.high >>> 0, false).toBigInt();
                    else if (typeof message.clientTsMs === "number")
                        object.clientTsMs = options.longs === $String ? $String(message.clientTsMs) : message.clientTsMs;
                    else
                        object.clientTsMs = options.longs === $String ? $util.Long.prototype.toString.call(message.clientTsMs) : options.longs === $Number ? new $util.LongBits(message.clientTsMs.low >>> 0, message.clientTsMs.high >>> 0).toNumber() : message.clientTsMs;
                if (message.context != null && $Object.hasOwnProperty.call(message, "context"))
                    object.context = $root.gamepulse.v1.Context.toObject(message.context, options, _depth + 1);
                let keys2;
                if (message.custom && (keys2 = $Object.keys(message.custom)).length) {
                    object.custom = {};
                    for (let j = 0; j < keys2.length; ++j) {
                        if (keys2[j] === "__proto__")
                            $util.makeProp(object.custom, keys2[j]);
                        object.custom[keys2[j]] = message.custom[keys2[j]];
                    }
                }
                if (message.sessionNumber != null && $Object.hasOwnProperty.call(message, "sessionNumber"))
                    object.sessionNumber = message.sessionNumber;
                if (message.sampleRate != null && $Object.hasOwnProperty.call(message, "sampleRate"))
                    object.sampleRate = options.json && !$isFinite(message.sampleRate) ? $String(message.sampleRate) : message.sampleRate;
                if (message.sessionStart != null && $Object.hasOwnProperty.call(message, "sessionStart")) {
                    object.sessionStart = $root.gamepulse.v1.SessionStart.toObject(message.sessionStart, options, _depth + 1);
                    if (options.oneofs)
                        object.payload = "sessionStart";
                }
                if (message.sessionEnd != null && $Object.hasOwnProperty.call(message, "sessionEnd")) {
                    object.sessionEnd = $root.gamepulse.v1.SessionEnd.toObject(message.sessionEnd, options, _depth + 1);
                    if (options.oneofs)
                        object.payload = "sessionEnd";
                }
                if (message.progression != null && $Object.hasOwnProperty.call(message, "progression")) {
                    object.progression = $root.gamepulse.v1.Progression.toObject(message.progression, options, _depth + 1);
                    if (options.oneofs)
                        object.payload = "progression";
                }
                if (message.purchase != null && $Object.hasOwnProperty.call(message, "purchase")) {
                    object.purchase = $root.gamepulse.v1.Purchase.toObject(message.purchase, options, _depth + 1);
                    if (options.oneofs)
                        object.payload = "purchase";
                }
                if (message.resource != null && $Object.hasOwnProperty.call(message, "resource")) {
                    object.resource = $root.gamepulse.v1.Resource.toObject(message.resource, options, _depth + 1);
                    if (options.oneofs)
                        object.payload = "resource";
                }
                if (message.design != null && $Object.hasOwnProperty.call(message, "design")) {
                    object.design = $root.gamepulse.v1.Design.toObject(message.design, options, _depth + 1);
                    if (options.oneofs)
                        object.payload = "design";
                }
                if (message.error != null && $Object.hasOwnProperty.call(message, "error")) {
                    object.error = $root.gamepulse.v1.Error.toObject(message.error, options, _depth + 1);
                    if (options.oneofs)
                        object.payload = "error";
                }
                if (message.ad != null && $Object.hasOwnProperty.call(message, "ad")) {
                    object.ad = $root.gamepulse.v1.Ad.toObject(message.ad, options, _depth + 1);
                    if (options.oneofs)
                        object.payload = "ad";
                }
                if (message.social != null && $Object.hasOwnProperty.call(message, "social")) {
                    object.social = $root.gamepulse.v1.Social.toObject(message.social, options, _depth + 1);
                    if (options.oneofs)
                        object.payload = "social";
                }
                if (message.featureUse != null && $Object.hasOwnProperty.call(message, "featureUse")) {
                    object.featureUse = $root.gamepulse.v1.FeatureUse.toObject(message.featureUse, options, _depth + 1);
                    if (options.oneofs)
                        object.payload = "featureUse";
                }
                if (message.experimentExposure != null && $Object.hasOwnProperty.call(message, "experimentExposure")) {
                    object.experimentExposure = $root.gamepulse.v1.ExperimentExposure.toObject(message.experimentExposure, options, _depth + 1);
                    if (options.oneofs)
                        object.payload = "experimentExposure";
                }
                return object;
            };

            /**
             * Converts this Event to JSON.
             * @function toJSON
             * @memberof gamepulse.v1.Event
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Event.prototype.toJSON = function() {
                return Event.toObject(this, $protobuf.util.toJSONOptions);
            };

            return Event;
        })();

        v1.SessionStart = (function() {

            /**
             * Properties of a SessionStart.
             * @typedef {Object} gamepulse.v1.SessionStart.$Properties
             * @property {boolean|null} [resumed] SessionStart resumed
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SessionStart.
             * @memberof gamepulse.v1
             * @interface ISessionStart
             * @augments gamepulse.v1.SessionStart.$Properties
             * @deprecated Use gamepulse.v1.SessionStart.$Properties instead.
             */

            /**
             * Shape of a SessionStart.
             * @typedef {gamepulse.v1.SessionStart.$Properties} gamepulse.v1.SessionStart.$Shape
             */

            /**
             * Constructs a new SessionStart.
             * @memberof gamepulse.v1
             * @classdesc Represents a SessionStart.
             * @constructor
             * @param {gamepulse.v1.SessionStart.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SessionStart = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * SessionStart resumed.
             * @member {boolean} resumed
             * @memberof gamepulse.v1.SessionStart
             * @instance
             */
            SessionStart.prototype.resumed = false;

            /**
             * Creates a new SessionStart instance using the specified properties.
             * @function create
             * @memberof gamepulse.v1.SessionStart
             * @static
             * @param {gamepulse.v1.SessionStart.$Properties=} [properties] Properties to set
             * @returns {gamepulse.v1.SessionStart} SessionStart instance
             * @type {{
             *   (properties: gamepulse.v1.SessionStart.$Shape): gamepulse.v1.SessionStart & gamepulse.v1.SessionStart.$Shape;
             *   (properties?: gamepulse.v1.SessionStart.$Properties): gamepulse.v1.SessionStart;
             * }}
             */
            SessionStart.create = function(properties) {
                return new SessionStart(properties);
            };

            /**
             * Encodes the specified SessionStart message. Does not implicitly {@link gamepulse.v1.SessionStart.verify|verify} messages.
             * @function encode
             * @memberof gamepulse.v1.SessionStart
             * @static
             * @param {gamepulse.v1.SessionStart.$Properties} message SessionStart message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SessionStart.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.resumed != null && $Object.hasOwnProperty.call(message, "resumed") && message.resumed !== false)
                    writer.uint32(/* id 1, wireType 0 =*/8).bool(message.resumed);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a SessionStart message from the specified reader or buffer.
             * @function decode
             * @memberof gamepulse.v1.SessionStart
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {gamepulse.v1.SessionStart & gamepulse.v1.SessionStart.$Shape} SessionStart
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SessionStart.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.gamepulse.v1.SessionStart();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.resumed = value;
                            else
                                delete message.resumed;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Creates a SessionStart message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof gamepulse.v1.SessionStart
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {gamepulse.v1.SessionStart} SessionStart
             */
            SessionStart.fromObject = function (object, _depth) {
                if (object instanceof $root.gamepulse.v1.SessionStart)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".gamepulse.v1.SessionStart: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.gamepulse.v1.SessionStart();
                if (object.resumed != null)
                    if (object.resumed)
                        message.resumed = $Boolean(object.resumed);
                return message;
            };

            /**
             * Creates a plain object from a SessionStart message. Also converts values to other types if specified.
             * @function toObject
             * @memberof gamepulse.v1.SessionStart
             * @static
             * @param {gamepulse.v1.SessionStart} message SessionStart
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            SessionStart.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults)
                    object.resumed = false;
                if (message.resumed != null && $Object.hasOwnProperty.call(message, "resumed"))
                    object.resumed = message.resumed;
                return object;
            };

            /**
             * Converts this SessionStart to JSON.
             * @function toJSON
             * @memberof gamepulse.v1.SessionStart
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            SessionStart.prototype.toJSON = function() {
                return SessionStart.toObject(this, $protobuf.util.toJSONOptions);
            };

            return SessionStart;
        })();

        v1.SessionEnd = (function() {

            /**
             * Properties of a SessionEnd.
             * @typedef {Object} gamepulse.v1.SessionEnd.$Properties
             * @property {number|null} [lengthMs] SessionEnd lengthMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SessionEnd.
             * @memberof gamepulse.v1
             * @interface ISessionEnd
             * @augments gamepulse.v1.SessionEnd.$Properties
             * @deprecated Use gamepulse.v1.SessionEnd.$Properties instead.
             */

            /**
             * Shape of a SessionEnd.
             * @typedef {gamepulse.v1.SessionEnd.$Properties} gamepulse.v1.SessionEnd.$Shape
             */

            /**
             * Constructs a new SessionEnd.
             * @memberof gamepulse.v1
             * @classdesc Represents a SessionEnd.
             * @constructor
             * @param {gamepulse.v1.SessionEnd.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SessionEnd = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * SessionEnd lengthMs.
             * @member {number} lengthMs
             * @memberof gamepulse.v1.SessionEnd
             * @instance
             */
            SessionEnd.prototype.lengthMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Creates a new SessionEnd instance using the specified properties.
             * @function create
             * @memberof gamepulse.v1.SessionEnd
             * @static
             * @param {gamepulse.v1.SessionEnd.$Properties=} [properties] Properties to set
             * @returns {gamepulse.v1.SessionEnd} SessionEnd instance
             * @type {{
             *   (properties: gamepulse.v1.SessionEnd.$Shape): gamepulse.v1.SessionEnd & gamepulse.v1.SessionEnd.$Shape;
             *   (properties?: gamepulse.v1.SessionEnd.$Properties): gamepulse.v1.SessionEnd;
             * }}
             */
            SessionEnd.create = function(properties) {
                return new SessionEnd(properties);
            };

            /**
             * Encodes the specified SessionEnd message. Does not implicitly {@link gamepulse.v1.SessionEnd.verify|verify} messages.
             * @function encode
             * @memberof gamepulse.v1.SessionEnd
             * @static
             * @param {gamepulse.v1.SessionEnd.$Properties} message SessionEnd message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SessionEnd.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.lengthMs != null && $Object.hasOwnProperty.call(message, "lengthMs") && (typeof message.lengthMs === "object" ? message.lengthMs.low || message.lengthMs.high : message.lengthMs !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).int64(message.lengthMs);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a SessionEnd message from the specified reader or buffer.
             * @function decode
             * @memberof gamepulse.v1.SessionEnd
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {gamepulse.v1.SessionEnd & gamepulse.v1.SessionEnd.$Shape} SessionEnd
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SessionEnd.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.gamepulse.v1.SessionEnd();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.lengthMs = value;
                            else
                                delete message.lengthMs;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Creates a SessionEnd message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof gamepulse.v1.SessionEnd
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {gamepulse.v1.SessionEnd} SessionEnd
             */
            SessionEnd.fromObject = function (object, _depth) {
                if (object instanceof $root.gamepulse.v1.SessionEnd)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".gamepulse.v1.SessionEnd: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.gamepulse.v1.SessionEnd();
                if (object.lengthMs != null)
                    if (typeof object.lengthMs === "object" ? object.lengthMs.low || object.lengthMs.high : $Number(object.lengthMs) !== 0)
                        if ($util.Long)
                            message.lengthMs = $util.Long.fromValue(object.lengthMs, false);
                        else if (typeof object.lengthMs === "string")
                            message.lengthMs = $parseInt(object.lengthMs, 10);
                        else if (typeof object.lengthMs === "number")
                            message.lengthMs = object.lengthMs;
                        else if (typeof object.lengthMs === "object")
                            message.lengthMs = new $util.LongBits(object.lengthMs.low >>> 0, object.lengthMs.high >>> 0).toNumber();
                return message;
            };

            /**
             * Creates a plain object from a SessionEnd message. Also converts values to other types if specified.
             * @function toObject
             * @memberof gamepulse.v1.SessionEnd
             * @static
             * @param {gamepulse.v1.SessionEnd} message SessionEnd
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            SessionEnd.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults)
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.lengthMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.lengthMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                if (message.lengthMs != null && $Object.hasOwnProperty.call(message, "lengthMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.lengthMs = typeof message.lengthMs === "number" ? $BigInt(message.lengthMs) : $util.Long.fromBits(message.lengthMs.low >>> 0, message.lengthMs.high >>> 0, false).toBigInt();
                    else if (typeof message.lengthMs === "number")
                        object.lengthMs = options.longs === $String ? $String(message.lengthMs) : message.lengthMs;
                    else
                        object.lengthMs = options.longs === $String ? $util.Long.prototype.toString.call(message.lengthMs) : options.longs === $Number ? new $util.LongBits(message.lengthMs.low >>> 0, message.lengthMs.high >>> 0).toNumber() : message.lengthMs;
                return object;
            };

            /**
             * Converts this SessionEnd to JSON.
             * @function toJSON
             * @memberof gamepulse.v1.SessionEnd
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            SessionEnd.prototype.toJSON = function() {
                return SessionEnd.toObject(this, $protobuf.util.toJSONOptions);
            };

            return SessionEnd;
        })();

        v1.Progression = (function() {

            /**
             * Properties of a Progression.
             * @typedef {Object} gamepulse.v1.Progression.$Properties
             * @property {gamepulse.v1.Progression.Status|null} [status] Progression status
             * @property {string|null} [tier1] Progression tier1
             * @property {string|null} [tier2] Progression tier2
             * @property {string|null} [tier3] Progression tier3
             * @property {number|null} [attempt] Progression attempt
             * @property {number|null} [score] Progression score
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Progression.
             * @memberof gamepulse.v1
             * @interface IProgression
             * @augments gamepulse.v1.Progression.$Properties
             * @deprecated Use gamepulse.v1.Progression.$Properties instead.
             */

            /**
             * Shape of a Progression.
             * @typedef {gamepulse.v1.Progression.$Properties} gamepulse.v1.Progression.$Shape
             */

            /**
             * Constructs a new Progression.
             * @memberof gamepulse.v1
             * @classdesc Represents a Progression.
             * @constructor
             * @param {gamepulse.v1.Progression.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Progression = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Progression status.
             * @member {gamepulse.v1.Progression.Status} status
             * @memberof gamepulse.v1.Progression
             * @instance
             */
            Progression.prototype.status = 0;

            /**
             * Progression tier1.
             * @member {string} tier1
             * @memberof gamepulse.v1.Progression
             * @instance
             */
            Progression.prototype.tier1 = "";

            /**
             * Progression tier2.
             * @member {string} tier2
             * @memberof gamepulse.v1.Progression
             * @instance
             */
            Progression.prototype.tier2 = "";

            /**
             * Progression tier3.
             * @member {string} tier3
             * @memberof gamepulse.v1.Progression
             * @instance
             */
            Progression.prototype.tier3 = "";

            /**
             * Progression attempt.
             * @member {number} attempt
             * @memberof gamepulse.v1.Progression
             * @instance
             */
            Progression.prototype.attempt = 0;

            /**
             * Progression score.
             * @member {number} score
             * @memberof gamepulse.v1.Progression
             * @instance
             */
            Progression.prototype.score = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Creates a new Progression instance using the specified properties.
             * @function create
             * @memberof gamepulse.v1.Progression
             * @static
             * @param {gamepulse.v1.Progression.$Properties=} [properties] Properties to set
             * @returns {gamepulse.v1.Progression} Progression instance
             * @type {{
             *   (properties: gamepulse.v1.Progression.$Shape): gamepulse.v1.Progression & gamepulse.v1.Progression.$Shape;
             *   (properties?: gamepulse.v1.Progression.$Properties): gamepulse.v1.Progression;
             * }}
             */
            Progression.create = function(properties) {
                return new Progression(properties);
            };

            /**
             * Encodes the specified Progression message. Does not implicitly {@link gamepulse.v1.Progression.verify|verify} messages.
             * @function encode
             * @memberof gamepulse.v1.Progression
             * @static
             * @param {gamepulse.v1.Progression.$Properties} message Progression message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Progression.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.status != null && $Object.hasOwnProperty.call(message, "status") && message.status !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.status);
                if (message.tier1 != null && $Object.hasOwnProperty.call(message, "tier1") && message.tier1 !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.tier1);
                if (message.tier2 != null && $Object.hasOwnProperty.call(message, "tier2") && message.tier2 !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.tier2);
                if (message.tier3 != null && $Object.hasOwnProperty.call(message, "tier3") && message.tier3 !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.tier3);
                if (message.attempt != null && $Object.hasOwnProperty.call(message, "attempt") && message.attempt !== 0)
                    writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.attempt);
                if (message.score != null && $Object.hasOwnProperty.call(message, "score") && (typeof message.score === "object" ? message.score.low || message.score.high : message.score !== 0))
                    writer.uint32(/* id 6, wireType 0 =*/48).int64(message.score);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Progression message from the specified reader or buffer.
             * @function decode
             * @memberof gamepulse.v1.Progression
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {gamepulse.v1.Progression & gamepulse.v1.Progression.$Shape} Progression
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Progression.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.gamepulse.v1.Progression();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.status = value;
                            else
                                delete message.status;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.tier1 = value;
                            else
                                delete message.tier1;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.tier2 = value;
                            else
                                delete message.tier2;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.tier3 = value;
                            else
                                delete message.tier3;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.attempt = value;
                            else
                                delete message.attempt;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.score = value;
                            else
                                delete message.score;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Creates a Progression message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof gamepulse.v1.Progression
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {gamepulse.v1.Progression} Progression
             */
            Progression.fromObject = function (object, _depth) {
                if (object instanceof $root.gamepulse.v1.Progression)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".gamepulse.v1.Progression: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.gamepulse.v1.Progression();
                if (object.status !== 0 && (typeof object.status !== "string" || $root.gamepulse.v1.Progression.Status[object.status] !== 0))
                    switch (object.status) {
                    case "STATUS_UNSPECIFIED":
                    case 0:
                        message.status = 0;
                        break;
                    case "STATUS_START":
                    case 1:
                        message.status = 1;
                        break;
                    case "STATUS_COMPLETE":
                    case 2:
                        message.status = 2;
                        break;
                    case "STATUS_FAIL":
                    case 3:
                        message.status = 3;
                        break;
                    default:
                        if (typeof object.status === "number" && (object.status | 0) === object.status)
                            message.status = object.status;
                    }
                if (object.tier1 != null)
                    if (typeof object.tier1 !== "string" || object.tier1.length)
                        message.tier1 = $String(object.tier1);
                if (object.tier2 != null)
                    if (typeof object.tier2 !== "string" || object.tier2.length)
                        message.tier2 = $String(object.tier2);
                if (object.tier3 != null)
                    if (typeof object.tier3 !== "string" || object.tier3.length)
                        message.tier3 = $String(object.tier3);
                if (object.attempt != null)
                    if ($Number(object.attempt) !== 0)
                        message.attempt = object.attempt >>> 0;
                if (object.score != null)
                    if (typeof object.score === "object" ? object.score.low || object.score.high : $Number(object.score) !== 0)
                        if ($util.Long)
                            message.score = $util.Long.fromValue(object.score, false);
                        else if (typeof object.score === "string")
                            message.score = $parseInt(object.score, 10);
                        else if (typeof object.score === "number")
                            message.score = object.score;
                        else if (typeof object.score === "object")
                            message.score = new $util.LongBits(object.score.low >>> 0, object.score.high >>> 0).toNumber();
                return message;
            };

            /**
             * Creates a plain object from a Progression message. Also converts values to other types if specified.
             * @function toObject
             * @memberof gamepulse.v1.Progression
             * @static
             * @param {gamepulse.v1.Progression} message Progression
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Progression.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.status = options.enums === $String ? "STATUS_UNSPECIFIED" : 0;
                    object.tier1 = "";
                    object.tier2 = "";
                    object.tier3 = "";
                    object.attempt = 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.score = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.score = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (message.status != null && $Object.hasOwnProperty.call(message, "status"))
                    object.status = options.enums === $String ? $root.gamepulse.v1.Progression.Status[message.status] === $undefined ? message.status : $root.gamepulse.v1.Progression.Status[message.status] : message.status;
                if (message.tier1 != null && $Object.hasOwnProperty.call(message, "tier1"))
                    object.tier1 = message.tier1;
                if (message.tier2 != null && $Object.hasOwnProperty.call(message, "tier2"))
                    object.tier2 = message.tier2;
                if (message.tier3 != null && $Object.hasOwnProperty.call(message, "tier3"))
                    object.tier3 = message.tier3;
                if (message.attempt != null && $Object.hasOwnProperty.call(message, "attempt"))
                    object.attempt = message.attempt;
                if (message.score != null && $Object.hasOwnProperty.call(message, "score"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.score = typeof message.score === "number" ? $BigInt(message.score) : $util.Long.fromBits(message.score.low >>> 0, message.score.high >>> 0, false).toBigInt();
                    else if (typeof message.score === "number")
                        object.score = options.longs === $String ? $String(message.score) : message.score;
                    else
                        object.score = options.longs === $String ? $util.Long.prototype.toString.call(message.score) : options.longs === $Number ? new $util.LongBits(message.score.low >>> 0, message.score.high >>> 0).toNumber() : message.score;
                return object;
            };

            /**
             * Converts this Progression to JSON.
             * @function toJSON
             * @memberof gamepulse.v1.Progression
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Progression.prototype.toJSON = function() {
                return Progression.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Status enum.
             * @name gamepulse.v1.Progression.Status
             * @enum {number}
             * @property {number} STATUS_UNSPECIFIED=0 STATUS_UNSPECIFIED value
             * @property {number} STATUS_START=1 STATUS_START value
             * @property {number} STATUS_COMPLETE=2 STATUS_COMPLETE value
             * @property {number} STATUS_FAIL=3 STATUS_FAIL value
             */
            Progression.Status = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "STATUS_UNSPECIFIED"] = 0;
                values[valuesById[1] = "STATUS_START"] = 1;
                values[valuesById[2] = "STATUS_COMPLETE"] = 2;
                values[valuesById[3] = "STATUS_FAIL"] = 3;
                return values;
            })();

            return Progression;
        })();

        v1.Purchase = (function() {

            /**
             * Properties of a Purchase.
             * @typedef {Object} gamepulse.v1.Purchase.$Properties
             * @property {string|null} [currency] Purchase currency
             * @property {number|null} [amountMinor] Purchase amountMinor
             * @property {string|null} [itemType] Purchase itemType
             * @property {string|null} [itemId] Purchase itemId
             * @property {string|null} [transactionId] Purchase transactionId
             * @property {string|null} [store] Purchase store
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Purchase.
             * @memberof gamepulse.v1
             * @interface IPurchase
             * @augments gamepulse.v1.Purchase.$Properties
             * @deprecated Use gamepulse.v1.Purchase.$Properties instead.
             */

            /**
             * Shape of a Purchase.
             * @typedef {gamepulse.v1.Purchase.$Properties} gamepulse.v1.Purchase.$Shape
             */

            /**
             * Constructs a new Purchase.
             * @memberof gamepulse.v1
             * @classdesc Represents a Purchase.
             * @constructor
             * @param {gamepulse.v1.Purchase.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Purchase = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Purchase currency.
             * @member {string} currency
             * @memberof gamepulse.v1.Purchase
             * @instance
             */
            Purchase.prototype.currency = "";

            /**
             * Purchase amountMinor.
             * @member {number} amountMinor
             * @memberof gamepulse.v1.Purchase
             * @instance
             */
            Purchase.prototype.amountMinor = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Purchase itemType.
             * @member {string} itemType
             * @memberof gamepulse.v1.Purchase
             * @instance
             */
            Purchase.prototype.itemType = "";

            /**
             * Purchase itemId.
             * @member {string} itemId
             * @memberof gamepulse.v1.Purchase
             * @instance
             */
            Purchase.prototype.itemId = "";

            /**
             * Purchase transactionId.
             * @member {string} transactionId
             * @memberof gamepulse.v1.Purchase
             * @instance
             */
            Purchase.prototype.transactionId = "";

            /**
             * Purchase store.
             * @member {string} store
             * @memberof gamepulse.v1.Purchase
             * @instance
             */
            Purchase.prototype.store = "";

            /**
             * Creates a new Purchase instance using the specified properties.
             * @function create
             * @memberof gamepulse.v1.Purchase
             * @static
             * @param {gamepulse.v1.Purchase.$Properties=} [properties] Properties to set
             * @returns {gamepulse.v1.Purchase} Purchase instance
             * @type {{
             *   (properties: gamepulse.v1.Purchase.$Shape): gamepulse.v1.Purchase & gamepulse.v1.Purchase.$Shape;
             *   (properties?: gamepulse.v1.Purchase.$Properties): gamepulse.v1.Purchase;
             * }}
             */
            Purchase.create = function(properties) {
                return new Purchase(properties);
            };

            /**
             * Encodes the specified Purchase message. Does not implicitly {@link gamepulse.v1.Purchase.verify|verify} messages.
             * @function encode
             * @memberof gamepulse.v1.Purchase
             * @static
             * @param {gamepulse.v1.Purchase.$Properties} message Purchase message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Purchase.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.currency != null && $Object.hasOwnProperty.call(message, "currency") && message.currency !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.currency);
                if (message.amountMinor != null && $Object.hasOwnProperty.call(message, "amountMinor") && (typeof message.amountMinor === "object" ? message.amountMinor.low || message.amountMinor.high : message.amountMinor !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).int64(message.amountMinor);
                if (message.itemType != null && $Object.hasOwnProperty.call(message, "itemType") && message.itemType !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.itemType);
                if (message.itemId != null && $Object.hasOwnProperty.call(message, "itemId") && message.itemId !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.itemId);
                if (message.transactionId != null && $Object.hasOwnProperty.call(message, "transactionId") && message.transactionId !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.transactionId);
                if (message.store != null && $Object.hasOwnProperty.call(message, "store") && message.store !== "")
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.store);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Purchase message from the specified reader or buffer.
             * @function decode
             * @memberof gamepulse.v1.Purchase
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {gamepulse.v1.Purchase & gamepulse.v1.Purchase.$Shape} Purchase
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Purchase.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.gamepulse.v1.Purchase();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.currency = value;
                            else
                                delete message.currency;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.amountMinor = value;
                            else
                                delete message.amountMinor;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.itemType = value;
                            else
                                delete message.itemType;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.itemId = value;
                            else
                                delete message.itemId;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.transactionId = value;
                            else
                                delete message.transactionId;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.store = value;
                            else
                                delete message.store;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Creates a Purchase message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof gamepulse.v1.Purchase
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {gamepulse.v1.Purchase} Purchase
             */
            Purchase.fromObject = function (object, _depth) {
                if (object instanceof $root.gamepulse.v1.Purchase)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".gamepulse.v1.Purchase: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.gamepulse.v1.Purchase();
                if (object.currency != null)
                    if (typeof object.currency !== "string" || object.currency.length)
                        message.currency = $String(object.currency);
                if (object.amountMinor != null)
                    if (typeof object.amountMinor === "object" ? object.amountMinor.low || object.amountMinor.high : $Number(object.amountMinor) !== 0)
                        if ($util.Long)
                            message.amountMinor = $util.Long.fromValue(object.amountMinor, false);
                        else if (typeof object.amountMinor === "string")
                            message.amountMinor = $parseInt(object.amountMinor, 10);
                        else if (typeof object.amountMinor === "number")
                            message.amountMinor = object.amountMinor;
                        else if (typeof object.amountMinor === "object")
                            message.amountMinor = new $util.LongBits(object.amountMinor.low >>> 0, object.amountMinor.high >>> 0).toNumber();
                if (object.itemType != null)
                    if (typeof object.itemType !== "string" || object.itemType.length)
                        message.itemType = $String(object.itemType);
                if (object.itemId != null)
                    if (typeof object.itemId !== "string" || object.itemId.length)
                        message.itemId = $String(object.itemId);
                if (object.transactionId != null)
                    if (typeof object.transactionId !== "string" || object.transactionId.length)
                        message.transactionId = $String(object.transactionId);
                if (object.store != null)
                    if (typeof object.store !== "string" || object.store.length)
                        message.store = $String(object.store);
                return message;
            };

            /**
             * Creates a plain object from a Purchase message. Also converts values to other types if specified.
             * @function toObject
             * @memberof gamepulse.v1.Purchase
             * @static
             * @param {gamepulse.v1.Purchase} message Purchase
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Purchase.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.currency = "";
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.amountMinor = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.amountMinor = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.itemType = "";
                    object.itemId = "";
                    object.transactionId = "";
                    object.store = "";
                }
                if (message.currency != null && $Object.hasOwnProperty.call(message, "currency"))
                    object.currency = message.currency;
                if (message.amountMinor != null && $Object.hasOwnProperty.call(message, "amountMinor"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.amountMinor = typeof message.amountMinor === "number" ? $BigInt(message.amountMinor) : $util.Long.fromBits(message.amountMinor.low >>> 0, message.amountMinor.high >>> 0, false).toBigInt();
                    else if (typeof message.amountMinor === "number")
                        object.amountMinor = options.longs === $String ? $String(message.amountMinor) : message.amountMinor;
                    else
                        object.amountMinor = options.longs === $String ? $util.Long.prototype.toString.call(message.amountMinor) : options.longs === $Number ? new $util.LongBits(message.amountMinor.low >>> 0, message.amountMinor.high >>> 0).toNumber() : message.amountMinor;
                if (message.itemType != null && $Object.hasOwnProperty.call(message, "itemType"))
                    object.itemType = message.itemType;
                if (message.itemId != null && $Object.hasOwnProperty.call(message, "itemId"))
                    object.itemId = message.itemId;
                if (message.transactionId != null && $Object.hasOwnProperty.call(message, "transactionId"))
                    object.transactionId = message.transactionId;
                if (message.store != null && $Object.hasOwnProperty.call(message, "store"))
                    object.store = message.store;
                return object;
            };

            /**
             * Converts this Purchase to JSON.
             * @function toJSON
             * @memberof gamepulse.v1.Purchase
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Purchase.prototype.toJSON = function() {
                return Purchase.toObject(this, $protobuf.util.toJSONOptions);
            };

            return Purchase;
        })();

        v1.Resource = (function() {

            /**
             * Properties of a Resource.
             * @typedef {Object} gamepulse.v1.Resource.$Properties
             * @property {gamepulse.v1.Resource.Flow|null} [flow] Resource flow
             * @property {string|null} [currency] Resource currency
             * @property {number|null} [amount] Resource amount
             * @property {string|null} [itemType] Resource itemType
             * @property {string|null} [itemId] Resource itemId
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Resource.
             * @memberof gamepulse.v1
             * @interface IResource
             * @augments gamepulse.v1.Resource.$Properties
             * @deprecated Use gamepulse.v1.Resource.$Properties instead.
             */

            /**
             * Shape of a Resource.
             * @typedef {gamepulse.v1.Resource.$Properties} gamepulse.v1.Resource.$Shape
             */

            /**
             * Constructs a new Resource.
             * @memberof gamepulse.v1
             * @classdesc Represents a Resource.
             * @constructor
             * @param {gamepulse.v1.Resource.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Resource = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Resource flow.
             * @member {gamepulse.v1.Resource.Flow} flow
             * @memberof gamepulse.v1.Resource
             * @instance
             */
            Resource.prototype.flow = 0;

            /**
             * Resource currency.
             * @member {string} currency
             * @memberof gamepulse.v1.Resource
             * @instance
             */
            Resource.prototype.currency = "";

            /**
             * Resource amount.
             * @member {number} amount
             * @memberof gamepulse.v1.Resource
             * @instance
             */
            Resource.prototype.amount = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Resource itemType.
             * @member {string} itemType
             * @memberof gamepulse.v1.Resource
             * @instance
             */
            Resource.prototype.itemType = "";

            /**
             * Resource itemId.
             * @member {string} itemId
             * @memberof gamepulse.v1.Resource
             * @instance
             */
            Resource.prototype.itemId = "";

            /**
             * Creates a new Resource instance using the specified properties.
             * @function create
             * @memberof gamepulse.v1.Resource
             * @static
             * @param {gamepulse.v1.Resource.$Properties=} [properties] Properties to set
             * @returns {gamepulse.v1.Resource} Resource instance
             * @type {{
             *   (properties: gamepulse.v1.Resource.$Shape): gamepulse.v1.Resource & gamepulse.v1.Resource.$Shape;
             *   (properties?: gamepulse.v1.Resource.$Properties): gamepulse.v1.Resource;
             * }}
             */
            Resource.create = function(properties) {
                return new Resource(properties);
            };

            /**
             * Encodes the specified Resource message. Does not implicitly {@link gamepulse.v1.Resource.verify|verify} messages.
             * @function encode
             * @memberof gamepulse.v1.Resource
             * @static
             * @param {gamepulse.v1.Resource.$Properties} message Resource message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Resource.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.flow != null && $Object.hasOwnProperty.call(message, "flow") && message.flow !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.flow);
                if (message.currency != null && $Object.hasOwnProperty.call(message, "currency") && message.currency !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.currency);
                if (message.amount != null && $Object.hasOwnProperty.call(message, "amount") && (typeof message.amount === "object" ? message.amount.low || message.amount.high : message.amount !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).int64(message.amount);
                if (message.itemType != null && $Object.hasOwnProperty.call(message, "itemType") && message.itemType !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.itemType);
                if (message.itemId != null && $Object.hasOwnProperty.call(message, "itemId") && message.itemId !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.itemId);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Resource message from the specified reader or buffer.
             * @function decode
             * @memberof gamepulse.v1.Resource
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {gamepulse.v1.Resource & gamepulse.v1.Resource.$Shape} Resource
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Resource.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.gamepulse.v1.Resource();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.flow = value;
                            else
                                delete message.flow;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.currency = value;
                            else
                                delete message.currency;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.amount = value;
                            else
                                delete message.amount;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.itemType = value;
                            else
                                delete message.itemType;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.itemId = value;
                            else
                                delete message.itemId;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Creates a Resource message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof gamepulse.v1.Resource
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {gamepulse.v1.Resource} Resource
             */
            Resource.fromObject = function (object, _depth) {
                if (object instanceof $root.gamepulse.v1.Resource)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".gamepulse.v1.Resource: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.gamepulse.v1.Resource();
                if (object.flow !== 0 && (typeof object.flow !== "string" || $root.gamepulse.v1.Resource.Flow[object.flow] !== 0))
                    switch (object.flow) {
                    case "FLOW_UNSPECIFIED":
                    case 0:
                        message.flow = 0;
                        break;
                    case "FLOW_SOURCE":
                    case 1:
                        message.flow = 1;
                        break;
                    case "FLOW_SINK":
                    case 2:
                        message.flow = 2;
                        break;
                    default:
                        if (typeof object.flow === "number" && (object.flow | 0) === object.flow)
                            message.flow = object.flow;
                    }
                if (object.currency != null)
                    if (typeof object.currency !== "string" || object.currency.length)
                        message.currency = $String(object.currency);
                if (object.amount != null)
                    if (typeof object.amount === "object" ? object.amount.low || object.amount.high : $Number(object.amount) !== 0)
                        if ($util.Long)
                            message.amount = $util.Long.fromValue(object.amount, false);
                        else if (typeof object.amount === "string")
                            message.amount = $parseInt(object.amount, 10);
                        else if (typeof object.amount === "number")
                            message.amount = object.amount;
                        else if (typeof object.amount === "object")
                            message.amount = new $util.LongBits(object.amount.low >>> 0, object.amount.high >>> 0).toNumber();
                if (object.itemType != null)
                    if (typeof object.itemType !== "string" || object.itemType.length)
                        message.itemType = $String(object.itemType);
                if (object.itemId != null)
                    if (typeof object.itemId !== "string" || object.itemId.length)
                        message.itemId = $String(object.itemId);
                return message;
            };

            /**
             * Creates a plain object from a Resource message. Also converts values to other types if specified.
             * @function toObject
             * @memberof gamepulse.v1.Resource
             * @static
             * @param {gamepulse.v1.Resource} message Resource
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Resource.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.flow = options.enums === $String ? "FLOW_UNSPECIFIED" : 0;
                    object.currency = "";
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.amount = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.amount = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.itemType = "";
                    object.itemId = "";
                }
                if (message.flow != null && $Object.hasOwnProperty.call(message, "flow"))
                    object.flow = options.enums === $String ? $root.gamepulse.v1.Resource.Flow[message.flow] === $undefined ? message.flow : $root.gamepulse.v1.Resource.Flow[message.flow] : message.flow;
                if (message.currency != null && $Object.hasOwnProperty.call(message, "currency"))
                    object.currency = message.currency;
                if (message.amount != null && $Object.hasOwnProperty.call(message, "amount"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.amount = typeof message.amount === "number" ? $BigInt(message.amount) : $util.Long.fromBits(message.amount.low >>> 0, message.amount.high >>> 0, false).toBigInt();
                    else if (typeof message.amount === "number")
                        object.amount = options.longs === $String ? $String(message.amount) : message.amount;
                    else
                        object.amount = options.longs === $String ? $util.Long.prototype.toString.call(message.amount) : options.longs === $Number ? new $util.LongBits(message.amount.low >>> 0, message.amount.high >>> 0).toNumber() : message.amount;
                if (message.itemType != null && $Object.hasOwnProperty.call(message, "itemType"))
                    object.itemType = message.itemType;
                if (message.itemId != null && $Object.hasOwnProperty.call(message, "itemId"))
                    object.itemId = message.itemId;
                return object;
            };

            /**
             * Converts this Resource to JSON.
             * @function toJSON
             * @memberof gamepulse.v1.Resource
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Resource.prototype.toJSON = function() {
                return Resource.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Flow enum.
             * @name gamepulse.v1.Resource.Flow
             * @enum {number}
             * @property {number} FLOW_UNSPECIFIED=0 FLOW_UNSPECIFIED value
             * @property {number} FLOW_SOURCE=1 FLOW_SOURCE value
             * @property {number} FLOW_SINK=2 FLOW_SINK value
             */
            Resource.Flow = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "FLOW_UNSPECIFIED"] = 0;
                values[valuesById[1] = "FLOW_SOURCE"] = 1;
                values[valuesById[2] = "FLOW_SINK"] = 2;
                return values;
            })();

            return Resource;
        })();

        v1.Design = (function() {

            /**
             * Properties of a Design.
             * @typedef {Object} gamepulse.v1.Design.$Properties
             * @property {string|null} [eventId] Design eventId
             * @property {number|null} [value] Design value
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Design.
             * @memberof gamepulse.v1
             * @interface IDesign
             * @augments gamepulse.v1.Design.$Properties
             * @deprecated Use gamepulse.v1.Design.$Properties instead.
             */

            /**
             * Shape of a Design.
             * @typedef {gamepulse.v1.Design.$Properties} gamepulse.v1.Design.$Shape
             */

            /**
             * Constructs a new Design.
             * @memberof gamepulse.v1
             * @classdesc Represents a Design.
             * @constructor
             * @param {gamepulse.v1.Design.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Design = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Design eventId.
             * @member {string} eventId
             * @memberof gamepulse.v1.Design
             * @instance
             */
            Design.prototype.eventId = "";

            /**
             * Design value.
             * @member {number} value
             * @memberof gamepulse.v1.Design
             * @instance
             */
            Design.prototype.value = 0;

            /**
             * Creates a new Design instance using the specified properties.
             * @function create
             * @memberof gamepulse.v1.Design
             * @static
             * @param {gamepulse.v1.Design.$Properties=} [properties] Properties to set
             * @returns {gamepulse.v1.Design} Design instance
             * @type {{
             *   (properties: gamepulse.v1.Design.$Shape): gamepulse.v1.Design & gamepulse.v1.Design.$Shape;
             *   (properties?: gamepulse.v1.Design.$Properties): gamepulse.v1.Design;
             * }}
             */
            Design.create = function(properties) {
                return new Design(properties);
            };

            /**
             * Encodes the specified Design message. Does not implicitly {@link gamepulse.v1.Design.verify|verify} messages.
             * @function encode
             * @memberof gamepulse.v1.Design
             * @static
             * @param {gamepulse.v1.Design.$Properties} message Design message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Design.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.eventId != null && $Object.hasOwnProperty.call(message, "eventId") && message.eventId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.eventId);
                if (message.value != null && $Object.hasOwnProperty.call(message, "value") && !$Object.is(message.value, 0))
                    writer.uint32(/* id 2, wireType 1 =*/17).double(message.value);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Design message from the specified reader or buffer.
             * @function decode
             * @memberof gamepulse.v1.Design
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {gamepulse.v1.Design & gamepulse.v1.Design.$Shape} Design
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Design.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.gamepulse.v1.Design();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.eventId = value;
                            else
                                delete message.eventId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 1)
                                break;
                            if (!$Object.is(value = reader.double(), 0))
                                message.value = value;
                            else
                                delete message.value;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Creates a Design message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof gamepulse.v1.Design
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {gamepulse.v1.Design} Design
             */
            Design.fromObject = function (object, _depth) {
                if (object instanceof $root.gamepulse.v1.Design)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".gamepulse.v1.Design: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.gamepulse.v1.Design();
                if (object.eventId != null)
                    if (typeof object.eventId !== "string" || object.eventId.length)
                        message.eventId = $String(object.eventId);
                if (object.value != null)
                    if (!$Object.is($Number(object.value), 0))
                        message.value = $Number(object.value);
                return message;
            };

            /**
             * Creates a plain object from a Design message. Also converts values to other types if specified.
             * @function toObject
             * @memberof gamepulse.v1.Design
             * @static
             * @param {gamepulse.v1.Design} message Design
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Design.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.eventId = "";
                    object.value = 0;
                }
                if (message.eventId != null && $Object.hasOwnProperty.call(message, "eventId"))
                    object.eventId = message.eventId;
                if (message.value != null && $Object.hasOwnProperty.call(message, "value"))
                    object.value = options.json && !$isFinite(message.value) ? $String(message.value) : message.value;
                return object;
            };

            /**
             * Converts this Design to JSON.
             * @function toJSON
             * @memberof gamepulse.v1.Design
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Design.prototype.toJSON = function() {
                return Design.toObject(this, $protobuf.util.toJSONOptions);
            };

            return Design;
        })();

        v1.Error = (function() {

            /**
             * Properties of an Error.
             * @typedef {Object} gamepulse.v1.Error.$Properties
             * @property {gamepulse.v1.Error.Severity|null} [severity] Error severity
             * @property {string|null} [message] Error message
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Error.
             * @memberof gamepulse.v1
             * @interface IError
             * @augments gamepulse.v1.Error.$Properties
             * @deprecated Use gamepulse.v1.Error.$Properties instead.
             */

            /**
             * Shape of an Error.
             * @typedef {gamepulse.v1.Error.$Properties} gamepulse.v1.Error.$Shape
             */

            /**
             * Constructs a new Error.
             * @memberof gamepulse.v1
             * @classdesc Represents an Error.
             * @constructor
             * @param {gamepulse.v1.Error.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Error = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Error severity.
             * @member {gamepulse.v1.Error.Severity} severity
             * @memberof gamepulse.v1.Error
             * @instance
             */
            Error.prototype.severity = 0;

            /**
             * Error message.
             * @member {string} message
             * @memberof gamepulse.v1.Error
             * @instance
             */
            Error.prototype.message = "";

            /**
             * Creates a new Error instance using the specified properties.
             * @function create
             * @memberof gamepulse.v1.Error
             * @static
             * @param {gamepulse.v1.Error.$Properties=} [properties] Properties to set
             * @returns {gamepulse.v1.Error} Error instance
             * @type {{
             *   (properties: gamepulse.v1.Error.$Shape): gamepulse.v1.Error & gamepulse.v1.Error.$Shape;
             *   (properties?: gamepulse.v1.Error.$Properties): gamepulse.v1.Error;
             * }}
             */
            Error.create = function(properties) {
                return new Error(properties);
            };

            /**
             * Encodes the specified Error message. Does not implicitly {@link gamepulse.v1.Error.verify|verify} messages.
             * @function encode
             * @memberof gamepulse.v1.Error
             * @static
             * @param {gamepulse.v1.Error.$Properties} message Error message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Error.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.severity != null && $Object.hasOwnProperty.call(message, "severity") && message.severity !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.severity);
                if (message.message != null && $Object.hasOwnProperty.call(message, "message") && message.message !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.message);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an Error message from the specified reader or buffer.
             * @function decode
             * @memberof gamepulse.v1.Error
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {gamepulse.v1.Error & gamepulse.v1.Error.$Shape} Error
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Error.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.gamepulse.v1.Error();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.severity = value;
                            else
                                delete message.severity;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.message = value;
                            else
                                delete message.message;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Creates an Error message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof gamepulse.v1.Error
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {gamepulse.v1.Error} Error
             */
            Error.fromObject = function (object, _depth) {
                if (object instanceof $root.gamepulse.v1.Error)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".gamepulse.v1.Error: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.gamepulse.v1.Error();
                if (object.severity !== 0 && (typeof object.severity !== "string" || $root.gamepulse.v1.Error.Severity[object.severity] !== 0))
                    switch (object.severity) {
                    case "SEVERITY_UNSPECIFIED":
                    case 0:
                        message.severity = 0;
                        break;
                    case "SEVERITY_DEBUG":
                    case 1:
                        message.severity = 1;
                        break;
                    case "SEVERITY_INFO":
                    case 2:
                        message.severity = 2;
                        break;
                    case "SEVERITY_WARNING":
                    case 3:
                        message.severity = 3;
                        break;
                    case "SEVERITY_ERROR":
                    case 4:
                        message.severity = 4;
                        break;
                    case "SEVERITY_CRITICAL":
                    case 5:
                        message.severity = 5;
                        break;
                    default:
                        if (typeof object.severity === "number" && (object.severity | 0) === object.severity)
                            message.severity = object.severity;
                    }
                if (object.message != null)
                    if (typeof object.message !== "string" || object.message.length)
                        message.message = $String(object.message);
                return message;
            };

            /**
             * Creates a plain object from an Error message. Also converts values to other types if specified.
             * @function toObject
             * @memberof gamepulse.v1.Error
             * @static
             * @param {gamepulse.v1.Error} message Error
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Error.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.severity = options.enums === $String ? "SEVERITY_UNSPECIFIED" : 0;
                    object.message = "";
                }
                if (message.severity != null && $Object.hasOwnProperty.call(message, "severity"))
                    object.severity = options.enums === $String ? $root.gamepulse.v1.Error.Severity[message.severity] === $undefined ? message.severity : $root.gamepulse.v1.Error.Severity[message.severity] : message.severity;
                if (message.message != null && $Object.hasOwnProperty.call(message, "message"))
                    object.message = message.message;
                return object;
            };

            /**
             * Converts this Error to JSON.
             * @function toJSON
             * @memberof gamepulse.v1.Error
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Error.prototype.toJSON = function() {
                return Error.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Severity enum.
             * @name gamepulse.v1.Error.Severity
             * @enum {number}
             * @property {number} SEVERITY_UNSPECIFIED=0 SEVERITY_UNSPECIFIED value
             * @property {number} SEVERITY_DEBUG=1 SEVERITY_DEBUG value
             * @property {number} SEVERITY_INFO=2 SEVERITY_INFO value
             * @property {number} SEVERITY_WARNING=3 SEVERITY_WARNING value
             * @property {number} SEVERITY_ERROR=4 SEVERITY_ERROR value
             * @property {number} SEVERITY_CRITICAL=5 SEVERITY_CRITICAL value
             */
            Error.Severity = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "SEVERITY_UNSPECIFIED"] = 0;
                values[valuesById[1] = "SEVERITY_DEBUG"] = 1;
                values[valuesById[2] = "SEVERITY_INFO"] = 2;
                values[valuesById[3] = "SEVERITY_WARNING"] = 3;
                values[valuesById[4] = "SEVERITY_ERROR"] = 4;
                values[valuesById[5] = "SEVERITY_CRITICAL"] = 5;
                return values;
            })();

            return Error;
        })();

        v1.Ad = (function() {

            /**
             * Properties of an Ad.
             * @typedef {Object} gamepulse.v1.Ad.$Properties
             * @property {gamepulse.v1.Ad.Action|null} [action] Ad action
             * @property {string|null} [adType] Ad adType
             * @property {string|null} [network] Ad network
             * @property {string|null} [placement] Ad placement
             * @property {number|null} [durationMs] Ad durationMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Ad.
             * @memberof gamepulse.v1
             * @interface IAd
             * @augments gamepulse.v1.Ad.$Properties
             * @deprecated Use gamepulse.v1.Ad.$Properties instead.
             */

            /**
             * Shape of an Ad.
             * @typedef {gamepulse.v1.Ad.$Properties} gamepulse.v1.Ad.$Shape
             */

            /**
             * Constructs a new Ad.
             * @memberof gamepulse.v1
             * @classdesc Represents an Ad.
             * @constructor
             * @param {gamepulse.v1.Ad.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Ad = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Ad action.
             * @member {gamepulse.v1.Ad.Action} action
             * @memberof gamepulse.v1.Ad
             * @instance
             */
            Ad.prototype.action = 0;

            /**
             * Ad adType.
             * @member {string} adType
             * @memberof gamepulse.v1.Ad
             * @instance
             */
            Ad.prototype.adType = "";

            /**
             * Ad network.
             * @member {string} network
             * @memberof gamepulse.v1.Ad
             * @instance
             */
            Ad.prototype.network = "";

            /**
             * Ad placement.
             * @member {string} placement
             * @memberof gamepulse.v1.Ad
             * @instance
             */
            Ad.prototype.placement = "";

            /**
             * Ad durationMs.
             * @member {number} durationMs
             * @memberof gamepulse.v1.Ad
             * @instance
             */
            Ad.prototype.durationMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Creates a new Ad instance using the specified properties.
             * @function create
             * @memberof gamepulse.v1.Ad
             * @static
             * @param {gamepulse.v1.Ad.$Properties=} [properties] Properties to set
             * @returns {gamepulse.v1.Ad} Ad instance
             * @type {{
             *   (properties: gamepulse.v1.Ad.$Shape): gamepulse.v1.Ad & gamepulse.v1.Ad.$Shape;
             *   (properties?: gamepulse.v1.Ad.$Properties): gamepulse.v1.Ad;
             * }}
             */
            Ad.create = function(properties) {
                return new Ad(properties);
            };

            /**
             * Encodes the specified Ad message. Does not implicitly {@link gamepulse.v1.Ad.verify|verify} messages.
             * @function encode
             * @memberof gamepulse.v1.Ad
             * @static
             * @param {gamepulse.v1.Ad.$Properties} message Ad message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Ad.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.action != null && $Object.hasOwnProperty.call(message, "action") && message.action !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.action);
                if (message.adType != null && $Object.hasOwnProperty.call(message, "adType") && message.adType !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.adType);
                if (message.network != null && $Object.hasOwnProperty.call(message, "network") && message.network !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.network);
                if (message.placement != null && $Object.hasOwnProperty.call(message, "placement") && message.placement !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.placement);
                if (message.durationMs != null && $Object.hasOwnProperty.call(message, "durationMs") && (typeof message.durationMs === "object" ? message.durationMs.low || message.durationMs.high : message.durationMs !== 0))
                    writer.uint32(/* id 5, wireType 0 =*/40).int64(message.durationMs);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an Ad message from the specified reader or buffer.
             * @function decode
             * @memberof gamepulse.v1.Ad
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {gamepulse.v1.Ad & gamepulse.v1.Ad.$Shape} Ad
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Ad.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.gamepulse.v1.Ad();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.action = value;
                            else
                                delete message.action;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.adType = value;
                            else
                                delete message.adType;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.network = value;
                            else
                                delete message.network;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.placement = value;
                            else
                                delete message.placement;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.durationMs = value;
                            else
                                delete message.durationMs;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Creates an Ad message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof gamepulse.v1.Ad
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {gamepulse.v1.Ad} Ad
             */
            Ad.fromObject = function (object, _depth) {
                if (object instanceof $root.gamepulse.v1.Ad)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".gamepulse.v1.Ad: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.gamepulse.v1.Ad();
                if (object.action !== 0 && (typeof object.action !== "string" || $root.gamepulse.v1.Ad.Action[object.action] !== 0))
                    switch (object.action) {
                    case "ACTION_UNSPECIFIED":
                    case 0:
                        message.action = 0;
                        break;
                    case "ACTION_SHOW":
                    case 1:
                        message.action = 1;
                        break;
                    case "ACTION_CLICK":
                    case 2:
                        message.action = 2;
                        break;
                    case "ACTION_FAILED_SHOW":
                    case 3:
                        message.action = 3;
                        break;
                    case "ACTION_REWARD_RECEIVED":
                    case 4:
                        message.action = 4;
                        break;
                    default:
                        if (typeof object.action === "number" && (object.action | 0) === object.action)
                            message.action = object.action;
                    }
                if (object.adType != null)
                    if (typeof object.adType !== "string" || object.adType.length)
                        message.adType = $String(object.adType);
                if (object.network != null)
                    if (typeof object.network !== "string" || object.network.length)
                        message.network = $String(object.network);
                if (object.placement != null)
                    if (typeof object.placement !== "string" || object.placement.length)
                        message.placement = $String(object.placement);
                if (object.durationMs != null)
                    if (typeof object.durationMs === "object" ? object.durationMs.low || object.durationMs.high : $Number(object.durationMs) !== 0)
                        if ($util.Long)
                            message.durationMs = $util.Long.fromValue(object.durationMs, false);
                        else if (typeof object.durationMs === "string")
                            message.durationMs = $parseInt(object.durationMs, 10);
                        else if (typeof object.durationMs === "number")
                            message.durationMs = object.durationMs;
                        else if (typeof object.durationMs === "object")
                            message.durationMs = new $util.LongBits(object.durationMs.low >>> 0, object.durationMs.high >>> 0).toNumber();
                return message;
            };

            /**
             * Creates a plain object from an Ad message. Also converts values to other types if specified.
             * @function toObject
             * @memberof gamepulse.v1.Ad
             * @static
             * @param {gamepulse.v1.Ad} message Ad
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Ad.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.action = options.enums === $String ? "ACTION_UNSPECIFIED" : 0;
                    object.adType = "";
                    object.network = "";
                    object.placement = "";
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.durationMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.durationMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (message.action != null && $Object.hasOwnProperty.call(message, "action"))
                    object.action = options.enums === $String ? $root.gamepulse.v1.Ad.Action[message.action] === $undefined ? message.action : $root.gamepulse.v1.Ad.Action[message.action] : message.action;
                if (message.adType != null && $Object.hasOwnProperty.call(message, "adType"))
                    object.adType = message.adType;
                if (message.network != null && $Object.hasOwnProperty.call(message, "network"))
                    object.network = message.network;
                if (message.placement != null && $Object.hasOwnProperty.call(message, "placement"))
                    object.placement = message.placement;
                if (message.durationMs != null && $Object.hasOwnProperty.call(message, "durationMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.durationMs = typeof message.durationMs === "number" ? $BigInt(message.durationMs) : $util.Long.fromBits(message.durationMs.low >>> 0, message.durationMs.high >>> 0, false).toBigInt();
                    else if (typeof message.durationMs === "number")
                        object.durationMs = options.longs === $String ? $String(message.durationMs) : message.durationMs;
                    else
                        object.durationMs = options.longs === $String ? $util.Long.prototype.toString.call(message.durationMs) : options.longs === $Number ? new $util.LongBits(message.durationMs.low >>> 0, message.durationMs.high >>> 0).toNumber() : message.durationMs;
                return object;
            };

            /**
             * Converts this Ad to JSON.
             * @function toJSON
             * @memberof gamepulse.v1.Ad
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Ad.prototype.toJSON = function() {
                return Ad.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Action enum.
             * @name gamepulse.v1.Ad.Action
             * @enum {number}
             * @property {number} ACTION_UNSPECIFIED=0 ACTION_UNSPECIFIED value
             * @property {number} ACTION_SHOW=1 ACTION_SHOW value
             * @property {number} ACTION_CLICK=2 ACTION_CLICK value
             * @property {number} ACTION_FAILED_SHOW=3 ACTION_FAILED_SHOW value
             * @property {number} ACTION_REWARD_RECEIVED=4 ACTION_REWARD_RECEIVED value
             */
            Ad.Action = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "ACTION_UNSPECIFIED"] = 0;
                values[valuesById[1] = "ACTION_SHOW"] = 1;
                values[valuesById[2] = "ACTION_CLICK"] = 2;
                values[valuesById[3] = "ACTION_FAILED_SHOW"] = 3;
                values[valuesById[4] = "ACTION_REWARD_RECEIVED"] = 4;
                return values;
            })();

            return Ad;
        })();

        v1.Social = (function() {

            /**
             * Properties of a Social.
             * @typedef {Object} gamepulse.v1.Social.$Properties
             * @property {string|null} [action] Social action
             * @property {string|null} [target] Social target
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Social.
             * @memberof gamepulse.v1
             * @interface ISocial
             * @augments gamepulse.v1.Social.$Properties
             * @deprecated Use gamepulse.v1.Social.$Properties instead.
             */

            /**
             * Shape of a Social.
             * @typedef {gamepulse.v1.Social.$Properties} gamepulse.v1.Social.$Shape
             */

            /**
             * Constructs a new Social.
             * @memberof gamepulse.v1
             * @classdesc Represents a Social.
             * @constructor
             * @param {gamepulse.v1.Social.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Social = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Social action.
             * @member {string} action
             * @memberof gamepulse.v1.Social
             * @instance
             */
            Social.prototype.action = "";

            /**
             * Social target.
             * @member {string} target
             * @memberof gamepulse.v1.Social
             * @instance
             */
            Social.prototype.target = "";

            /**
             * Creates a new Social instance using the specified properties.
             * @function create
             * @memberof gamepulse.v1.Social
             * @static
             * @param {gamepulse.v1.Social.$Properties=} [properties] Properties to set
             * @returns {gamepulse.v1.Social} Social instance
             * @type {{
             *   (properties: gamepulse.v1.Social.$Shape): gamepulse.v1.Social & gamepulse.v1.Social.$Shape;
             *   (properties?: gamepulse.v1.Social.$Properties): gamepulse.v1.Social;
             * }}
             */
            Social.create = function(properties) {
                return new Social(properties);
            };

            /**
             * Encodes the specified Social message. Does not implicitly {@link gamepulse.v1.Social.verify|verify} messages.
             * @function encode
             * @memberof gamepulse.v1.Social
             * @static
             * @param {gamepulse.v1.Social.$Properties} message Social message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Social.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.action != null && $Object.hasOwnProperty.call(message, "action") && message.action !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.action);
                if (message.target != null && $Object.hasOwnProperty.call(message, "target") && message.target !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.target);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Social message from the specified reader or buffer.
             * @function decode
             * @memberof gamepulse.v1.Social
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {gamepulse.v1.Social & gamepulse.v1.Social.$Shape} Social
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Social.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.gamepulse.v1.Social();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.action = value;
                            else
                                delete message.action;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.target = value;
                            else
                                delete message.target;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Creates a Social message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof gamepulse.v1.Social
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {gamepulse.v1.Social} Social
             */
            Social.fromObject = function (object, _depth) {
                if (object instanceof $root.gamepulse.v1.Social)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".gamepulse.v1.Social: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.gamepulse.v1.Social();
                if (object.action != null)
                    if (typeof object.action !== "string" || object.action.length)
                        message.action = $String(object.action);
                if (object.target != null)
                    if (typeof object.target !== "string" || object.target.length)
                        message.target = $String(object.target);
                return message;
            };

            /**
             * Creates a plain object from a Social message. Also converts values to other types if specified.
             * @function toObject
             * @memberof gamepulse.v1.Social
             * @static
             * @param {gamepulse.v1.Social} message Social
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Social.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.action = "";
                    object.target = "";
                }
                if (message.action != null && $Object.hasOwnProperty.call(message, "action"))
                    object.action = message.action;
                if (message.target != null && $Object.hasOwnProperty.call(message, "target"))
                    object.target = message.target;
                return object;
            };

            /**
             * Converts this Social to JSON.
             * @function toJSON
             * @memberof gamepulse.v1.Social
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Social.prototype.toJSON = function() {
                return Social.toObject(this, $protobuf.util.toJSONOptions);
            };

            return Social;
        })();

        v1.FeatureUse = (function() {

            /**
             * Properties of a FeatureUse.
             * @typedef {Object} gamepulse.v1.FeatureUse.$Properties
             * @property {string|null} [feature] FeatureUse feature
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a FeatureUse.
             * @memberof gamepulse.v1
             * @interface IFeatureUse
             * @augments gamepulse.v1.FeatureUse.$Properties
             * @deprecated Use gamepulse.v1.FeatureUse.$Properties instead.
             */

            /**
             * Shape of a FeatureUse.
             * @typedef {gamepulse.v1.FeatureUse.$Properties} gamepulse.v1.FeatureUse.$Shape
             */

            /**
             * Constructs a new FeatureUse.
             * @memberof gamepulse.v1
             * @classdesc Represents a FeatureUse.
             * @constructor
             * @param {gamepulse.v1.FeatureUse.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const FeatureUse = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * FeatureUse feature.
             * @member {string} feature
             * @memberof gamepulse.v1.FeatureUse
             * @instance
             */
            FeatureUse.prototype.feature = "";

            /**
             * Creates a new FeatureUse instance using the specified properties.
             * @function create
             * @memberof gamepulse.v1.FeatureUse
             * @static
             * @param {gamepulse.v1.FeatureUse.$Properties=} [properties] Properties to set
             * @returns {gamepulse.v1.FeatureUse} FeatureUse instance
             * @type {{
             *   (properties: gamepulse.v1.FeatureUse.$Shape): gamepulse.v1.FeatureUse & gamepulse.v1.FeatureUse.$Shape;
             *   (properties?: gamepulse.v1.FeatureUse.$Properties): gamepulse.v1.FeatureUse;
             * }}
             */
            FeatureUse.create = function(properties) {
                return new FeatureUse(properties);
            };

            /**
             * Encodes the specified FeatureUse message. Does not implicitly {@link gamepulse.v1.FeatureUse.verify|verify} messages.
             * @function encode
             * @memberof gamepulse.v1.FeatureUse
             * @static
             * @param {gamepulse.v1.FeatureUse.$Properties} message FeatureUse message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            FeatureUse.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.feature != null && $Object.hasOwnProperty.call(message, "feature") && message.feature !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.feature);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a FeatureUse message from the specified reader or buffer.
             * @function decode
             * @memberof gamepulse.v1.FeatureUse
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {gamepulse.v1.FeatureUse & gamepulse.v1.FeatureUse.$Shape} FeatureUse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            FeatureUse.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.gamepulse.v1.FeatureUse();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.feature = value;
                            else
                                delete message.feature;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Creates a FeatureUse message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof gamepulse.v1.FeatureUse
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {gamepulse.v1.FeatureUse} FeatureUse
             */
            FeatureUse.fromObject = function (object, _depth) {
                if (object instanceof $root.gamepulse.v1.FeatureUse)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".gamepulse.v1.FeatureUse: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.gamepulse.v1.FeatureUse();
                if (object.feature != null)
                    if (typeof object.feature !== "string" || object.feature.length)
                        message.feature = $String(object.feature);
                return message;
            };

            /**
             * Creates a plain object from a FeatureUse message. Also converts values to other types if specified.
             * @function toObject
             * @memberof gamepulse.v1.FeatureUse
             * @static
             * @param {gamepulse.v1.FeatureUse} message FeatureUse
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            FeatureUse.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults)
                    object.feature = "";
                if (message.feature != null && $Object.hasOwnProperty.call(message, "feature"))
                    object.feature = message.feature;
                return object;
            };

            /**
             * Converts this FeatureUse to JSON.
             * @function toJSON
             * @memberof gamepulse.v1.FeatureUse
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            FeatureUse.prototype.toJSON = function() {
                return FeatureUse.toObject(this, $protobuf.util.toJSONOptions);
            };

            return FeatureUse;
        })();

        v1.ExperimentExposure = (function() {

            /**
             * Properties of an ExperimentExposure.
             * @typedef {Object} gamepulse.v1.ExperimentExposure.$Properties
             * @property {string|null} [experiment] ExperimentExposure experiment
             * @property {string|null} [variant] ExperimentExposure variant
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an ExperimentExposure.
             * @memberof gamepulse.v1
             * @interface IExperimentExposure
             * @augments gamepulse.v1.ExperimentExposure.$Properties
             * @deprecated Use gamepulse.v1.ExperimentExposure.$Properties instead.
             */

            /**
             * Shape of an ExperimentExposure.
             * @typedef {gamepulse.v1.ExperimentExposure.$Properties} gamepulse.v1.ExperimentExposure.$Shape
             */

            /**
             * Constructs a new ExperimentExposure.
             * @memberof gamepulse.v1
             * @classdesc Represents an ExperimentExposure.
             * @constructor
             * @param {gamepulse.v1.ExperimentExposure.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ExperimentExposure = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * ExperimentExposure experiment.
             * @member {string} experiment
             * @memberof gamepulse.v1.ExperimentExposure
             * @instance
             */
            ExperimentExposure.prototype.experiment = "";

            /**
             * ExperimentExposure variant.
             * @member {string} variant
             * @memberof gamepulse.v1.ExperimentExposure
             * @instance
             */
            ExperimentExposure.prototype.variant = "";

            /**
             * Creates a new ExperimentExposure instance using the specified properties.
             * @function create
             * @memberof gamepulse.v1.ExperimentExposure
             * @static
             * @param {gamepulse.v1.ExperimentExposure.$Properties=} [properties] Properties to set
             * @returns {gamepulse.v1.ExperimentExposure} ExperimentExposure instance
             * @type {{
             *   (properties: gamepulse.v1.ExperimentExposure.$Shape): gamepulse.v1.ExperimentExposure & gamepulse.v1.ExperimentExposure.$Shape;
             *   (properties?: gamepulse.v1.ExperimentExposure.$Properties): gamepulse.v1.ExperimentExposure;
             * }}
             */
            ExperimentExposure.create = function(properties) {
                return new ExperimentExposure(properties);
            };

            /**
             * Encodes the specified ExperimentExposure message. Does not implicitly {@link gamepulse.v1.ExperimentExposure.verify|verify} messages.
             * @function encode
             * @memberof gamepulse.v1.ExperimentExposure
             * @static
             * @param {gamepulse.v1.ExperimentExposure.$Properties} message ExperimentExposure message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ExperimentExposure.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.experiment != null && $Object.hasOwnProperty.call(message, "experiment") && message.experiment !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.experiment);
                if (message.variant != null && $Object.hasOwnProperty.call(message, "variant") && message.variant !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.variant);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an ExperimentExposure message from the specified reader or buffer.
             * @function decode
             * @memberof gamepulse.v1.ExperimentExposure
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {gamepulse.v1.ExperimentExposure & gamepulse.v1.ExperimentExposure.$Shape} ExperimentExposure
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ExperimentExposure.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.gamepulse.v1.ExperimentExposure();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.experiment = value;
                            else
                                delete message.experiment;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.variant = value;
                            else
                                delete message.variant;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Creates an ExperimentExposure message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof gamepulse.v1.ExperimentExposure
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {gamepulse.v1.ExperimentExposure} ExperimentExposure
             */
            ExperimentExposure.fromObject = function (object, _depth) {
                if (object instanceof $root.gamepulse.v1.ExperimentExposure)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".gamepulse.v1.ExperimentExposure: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.gamepulse.v1.ExperimentExposure();
                if (object.experiment != null)
                    if (typeof object.experiment !== "string" || object.experiment.length)
                        message.experiment = $String(object.experiment);
                if (object.variant != null)
                    if (typeof object.variant !== "string" || object.variant.length)
                        message.variant = $String(object.variant);
                return message;
            };

            /**
             * Creates a plain object from an ExperimentExposure message. Also converts values to other types if specified.
             * @function toObject
             * @memberof gamepulse.v1.ExperimentExposure
             * @static
             * @param {gamepulse.v1.ExperimentExposure} message ExperimentExposure
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ExperimentExposure.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.experiment = "";
                    object.variant = "";
                }
                if (message.experiment != null && $Object.hasOwnProperty.call(message, "experiment"))
                    object.experiment = message.experiment;
                if (message.variant != null && $Object.hasOwnProperty.call(message, "variant"))
                    object.variant = message.variant;
                return object;
            };

            /**
             * Converts this ExperimentExposure to JSON.
             * @function toJSON
             * @memberof gamepulse.v1.ExperimentExposure
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ExperimentExposure.prototype.toJSON = function() {
                return ExperimentExposure.toObject(this, $protobuf.util.toJSONOptions);
            };

            return ExperimentExposure;
        })();

        v1.EventBatch = (function() {

            /**
             * Properties of an EventBatch.
             * @typedef {Object} gamepulse.v1.EventBatch.$Properties
             * @property {string|null} [installId] EventBatch installId
             * @property {number|null} [batchSequence] EventBatch batchSequence
             * @property {number|null} [sentAtMs] EventBatch sentAtMs
             * @property {gamepulse.v1.Context.$Properties|null} [context] EventBatch context
             * @property {Array.<gamepulse.v1.Event.$Properties>|null} [events] EventBatch events
             * @property {number|null} [clockOffsetMs] EventBatch clockOffsetMs
             * @property {gamepulse.v1.SdkHealth.$Properties|null} [sdkHealth] EventBatch sdkHealth
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an EventBatch.
             * @memberof gamepulse.v1
             * @interface IEventBatch
             * @augments gamepulse.v1.EventBatch.$Properties
             * @deprecated Use gamepulse.v1.EventBatch.$Properties instead.
             */

            /**
             * Shape of an EventBatch.
             * @typedef {{
             *   installId?: string|null;
             *   batchSequence?: number|null;
             *   sentAtMs?: number|null;
             *   context?: gamepulse.v1.Context.$Shape|null;
             *   events?: Array.<gamepulse.v1.Event.$Shape>|null;
             *   clockOffsetMs?: number|null;
             *   sdkHealth?: gamepulse.v1.SdkHealth.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * }} gamepulse.v1.EventBatch.$Shape
             */

            /**
             * Constructs a new EventBatch.
             * @memberof gamepulse.v1
             * @classdesc Represents an EventBatch.
             * @constructor
             * @param {gamepulse.v1.EventBatch.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const EventBatch = function (properties) {
                this.events = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * EventBatch installId.
             * @member {string} installId
             * @memberof gamepulse.v1.EventBatch
             * @instance
             */
            EventBatch.prototype.installId = "";

            /**
             * EventBatch batchSequence.
             * @member {number} batchSequence
             * @memberof gamepulse.v1.EventBatch
             * @instance
             */
            EventBatch.prototype.batchSequence = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * EventBatch sentAtMs.
             * @member {number} sentAtMs
             * @memberof gamepulse.v1.EventBatch
             * @instance
             */
            EventBatch.prototype.sentAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * EventBatch context.
             * @member {gamepulse.v1.Context.$Properties|null|undefined} context
             * @memberof gamepulse.v1.EventBatch
             * @instance
             */
            EventBatch.prototype.context = null;

            /**
             * EventBatch events.
             * @member {Array.<gamepulse.v1.Event.$Properties>} events
             * @memberof gamepulse.v1.EventBatch
             * @instance
             */
            EventBatch.prototype.events = $util.emptyArray;

            /**
             * EventBatch clockOffsetMs.
             * @member {number} clockOffsetMs
             * @memberof gamepulse.v1.EventBatch
             * @instance
             */
            EventBatch.prototype.clockOffsetMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * EventBatch sdkHealth.
             * @member {gamepulse.v1.SdkHealth.$Properties|null|undefined} sdkHealth
             * @memberof gamepulse.v1.EventBatch
             * @instance
             */
            EventBatch.prototype.sdkHealth = null;

            /**
             * Creates a new EventBatch instance using the specified properties.
             * @function create
             * @memberof gamepulse.v1.EventBatch
             * @static
             * @param {gamepulse.v1.EventBatch.$Properties=} [properties] Properties to set
             * @returns {gamepulse.v1.EventBatch} EventBatch instance
             * @type {{
             *   (properties: gamepulse.v1.EventBatch.$Shape): gamepulse.v1.EventBatch & gamepulse.v1.EventBatch.$Shape;
             *   (properties?: gamepulse.v1.EventBatch.$Properties): gamepulse.v1.EventBatch;
             * }}
             */
            EventBatch.create = function(properties) {
                return new EventBatch(properties);
            };

            /**
             * Encodes the specified EventBatch message. Does not implicitly {@link gamepulse.v1.EventBatch.verify|verify} messages.
             * @function encode
             * @memberof gamepulse.v1.EventBatch
             * @static
             * @param {gamepulse.v1.EventBatch.$Properties} message EventBatch message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            EventBatch.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.installId != null && $Object.hasOwnProperty.call(message, "installId") && message.installId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.installId);
                if (message.batchSequence != null && $Object.hasOwnProperty.call(message, "batchSequence") && (typeof message.batchSequence === "object" ? message.batchSequence.low || message.batchSequence.high : message.batchSequence !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.batchSequence);
                if (message.sentAtMs != null && $Object.hasOwnProperty.call(message, "sentAtMs") && (typeof message.sentAtMs === "object" ? message.sentAtMs.low || message.sentAtMs.high : message.sentAtMs !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).int64(message.sentAtMs);
                if (message.context != null && $Object.hasOwnProperty.call(message, "context"))
                    $root.gamepulse.v1.Context.encode(message.context, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                if (message.events != null && message.events.length)
                    for (let i = 0; i < message.events.length; ++i)
                        $root.gamepulse.v1.Event.encode(message.events[i], writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                if (message.clockOffsetMs != null && $Object.hasOwnProperty.call(message, "clockOffsetMs") && (typeof message.clockOffsetMs === "object" ? message.clockOffsetMs.low || message.clockOffsetMs.high : message.clockOffsetMs !== 0))
                    writer.uint32(/* id 6, wireType 0 =*/48).int64(message.clockOffsetMs);
                if (message.sdkHealth != null && $Object.hasOwnProperty.call(message, "sdkHealth"))
                    $root.gamepulse.v1.SdkHealth.encode(message.sdkHealth, writer.uint32(/* id 7, wireType 2 =*/58).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an EventBatch message from the specified reader or buffer.
             * @function decode
             * @memberof gamepulse.v1.EventBatch
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {gamepulse.v1.EventBatch & gamepulse.v1.EventBatch.$Shape} EventBatch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            EventBatch.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.gamepulse.v1.EventBatch();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.installId = value;
                            else
                                delete message.installId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.batchSequence = value;
                            else
                                delete message.batchSequence;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.sentAtMs = value;
                            else
                                delete message.sentAtMs;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            message.context = $root.gamepulse.v1.Context.decode(reader, reader.size(), $undefined, _depth + 1, message.context);
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if (!(message.events && message.events.length))
                                message.events = [];
                            message.events.push($root.gamepulse.v1.Event.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.clockOffsetMs = value;
                            else
                                delete message.clockOffsetMs;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            message.sdkHealth = $root.gamepulse.v1.SdkHealth.decode(reader, reader.size(), $undefined, _depth + 1, message.sdkHealth);
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Creates an EventBatch message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof gamepulse.v1.EventBatch
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {gamepulse.v1.EventBatch} EventBatch
             */
            EventBatch.fromObject = function (object, _depth) {
                if (object instanceof $root.gamepulse.v1.EventBatch)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".gamepulse.v1.EventBatch: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.gamepulse.v1.EventBatch();
                if (object.installId != null)
                    if (typeof object.installId !== "string" || object.installId.length)
                        message.installId = $String(object.installId);
                if (object.batchSequence != null)
                    if (typeof object.batchSequence === "object" ? object.batchSequence.low || object.batchSequence.high : $Number(object.batchSequence) !== 0)
                        if ($util.Long)
                            message.batchSequence = $util.Long.fromValue(object.batchSequence, true);
                        else if (typeof object.batchSequence === "string")
                            message.batchSequence = $parseInt(object.batchSequence, 10);
                        else if (typeof object.batchSequence === "number")
                            message.batchSequence = object.batchSequence;
                        else if (typeof object.batchSequence === "object")
                            message.batchSequence = new $util.LongBits(object.batchSequence.low >>> 0, object.batchSequence.high >>> 0).toNumber(true);
                if (object.sentAtMs != null)
                    if (typeof object.sentAtMs === "object" ? object.sentAtMs.low || object.sentAtMs.high : $Number(object.sentAtMs) !== 0)
                        if ($util.Long)
                            message.sentAtMs = $util.Long.fromValue(object.sentAtMs, false);
                        else if (typeof object.sentAtMs === "string")
                            message.sentAtMs = $parseInt(object.sentAtMs, 10);
                        else if (typeof object.sentAtMs === "number")
                            message.sentAtMs = object.sentAtMs;
                        else if (typeof object.sentAtMs === "object")
                            message.sentAtMs = new $util.LongBits(object.sentAtMs.low >>> 0, object.sentAtMs.high >>> 0).toNumber();
                if (object.context != null) {
                    if (!$util.isObject(object.context))
                        throw $TypeError(".gamepulse.v1.EventBatch.context: object expected");
                    message.context = $root.gamepulse.v1.Context.fromObject(object.context, _depth + 1);
                }
                if (object.events) {
                    if (!$Array.isArray(object.events))
                        throw $TypeError(".gamepulse.v1.EventBatch.events: array expected");
                    message.events = $Array(object.events.length);
                    for (let i = 0; i < object.events.length; ++i) {
                        if (!$util.isObject(object.events[i]))
                            throw $TypeError(".gamepulse.v1.EventBatch.events: object expected");
                        message.events[i] = $root.gamepulse.v1.Event.fromObject(object.events[i], _depth + 1);
                    }
                }
                if (object.clockOffsetMs != null)
                    if (typeof object.clockOffsetMs === "object" ? object.clockOffsetMs.low || object.clockOffsetMs.high : $Number(object.clockOffsetMs) !== 0)
                        if ($util.Long)
                            message.clockOffsetMs = $util.Long.fromValue(object.clockOffsetMs, false);
                        else if (typeof object.clockOffsetMs === "string")
                            message.clockOffsetMs = $parseInt(object.clockOffsetMs, 10);
                        else if (typeof object.clockOffsetMs === "number")
                            message.clockOffsetMs = object.clockOffsetMs;
                        else if (typeof object.clockOffsetMs === "object")
                            message.clockOffsetMs = new $util.LongBits(object.clockOffsetMs.low >>> 0, object.clockOffsetMs.high >>> 0).toNumber();
                if (object.sdkHealth != null) {
                    if (!$util.isObject(object.sdkHealth))
                        throw $TypeError(".gamepulse.v1.EventBatch.sdkHealth: object expected");
                    message.sdkHealth = $root.gamepulse.v1.SdkHealth.fromObject(object.sdkHealth, _depth + 1);
                }
                return message;
            };

            /**
             * Creates a plain object from an EventBatch message. Also converts values to other types if specified.
             * @function toObject
             * @memberof gamepulse.v1.EventBatch
             * @static
             * @param {gamepulse.v1.EventBatch} message EventBatch
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            EventBatch.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults)
                    object.events = [];
                if (options.defaults) {
                    object.installId = "";
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.batchSequence = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.batchSequence = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.sentAtMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.sentAtMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.context = null;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.clockOffsetMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.clockOffsetMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.sdkHealth = null;
                }
                if (message.installId != null && $Object.hasOwnProperty.call(message, "installId"))
                    object.installId = message.installId;
                if (message.batchSequence != null && $Object.hasOwnProperty.call(message, "batchSequence"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.batchSequence = typeof message.batchSequence === "number" ? $BigInt(message.batchSequence) : $util.Long.fromBits(message.batchSequence.low >>> 0, message.batchSequence.high >>> 0, true).toBigInt();
                    else if (typeof message.batchSequence === "number")
                        object.batchSequence = options.longs === $String ? $String(message.batchSequence) : message.batchSequence;
                    else
                        object.batchSequence = options.longs === $String ? $util.Long.prototype.toString.call(message.batchSequence) : options.longs === $Number ? new $util.LongBits(message.batchSequence.low >>> 0, message.batchSequence.high >>> 0).toNumber(true) : message.batchSequence;
                if (message.sentAtMs != null && $Object.hasOwnProperty.call(message, "sentAtMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.sentAtMs = typeof message.sentAtMs === "number" ? $BigInt(message.sentAtMs) : $util.Long.fromBits(message.sentAtMs.low >>> 0, message.sentAtMs.high >>> 0, false).toBigInt();
                    else if (typeof message.sentAtMs === "number")
                        object.sentAtMs = options.longs === $String ? $String(message.sentAtMs) : message.sentAtMs;
                    else
                        object.sentAtMs = options.longs === $String ? $util.Long.prototype.toString.call(message.sentAtMs) : options.longs === $Number ? new $util.LongBits(message.sentAtMs.low >>> 0, message.sentAtMs.high >>> 0).toNumber() : message.sentAtMs;
                if (message.context != null && $Object.hasOwnProperty.call(message, "context"))
                    object.context = $root.gamepulse.v1.Context.toObject(message.context, options, _depth + 1);
                if (message.events && message.events.length) {
                    object.events = $Array(message.events.length);
                    for (let j = 0; j < message.events.length; ++j)
                        object.events[j] = $root.gamepulse.v1.Event.toObject(message.events[j], options, _depth + 1);
                }
                if (message.clockOffsetMs != null && $Object.hasOwnProperty.call(message, "clockOffsetMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.clockOffsetMs = typeof message.clockOffsetMs === "number" ? $BigInt(message.clockOffsetMs) : $util.Long.fromBits(message.clockOffsetMs.low >>> 0, message.clockOffsetMs.high >>> 0, false).toBigInt();
                    else if (typeof message.clockOffsetMs === "number")
                        object.clockOffsetMs = options.longs === $String ? $String(message.clockOffsetMs) : message.clockOffsetMs;
                    else
                        object.clockOffsetMs = options.longs === $String ? $util.Long.prototype.toString.call(message.clockOffsetMs) : options.longs === $Number ? new $util.LongBits(message.clockOffsetMs.low >>> 0, message.clockOffsetMs.high >>> 0).toNumber() : message.clockOffsetMs;
                if (message.sdkHealth != null && $Object.hasOwnProperty.call(message, "sdkHealth"))
                    object.sdkHealth = $root.gamepulse.v1.SdkHealth.toObject(message.sdkHealth, options, _depth + 1);
                return object;
            };

            /**
             * Converts this EventBatch to JSON.
             * @function toJSON
             * @memberof gamepulse.v1.EventBatch
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            EventBatch.prototype.toJSON = function() {
                return EventBatch.toObject(this, $protobuf.util.toJSONOptions);
            };

            return EventBatch;
        })();

        v1.SdkHealth = (function() {

            /**
             * Properties of a SdkHealth.
             * @typedef {Object} gamepulse.v1.SdkHealth.$Properties
             * @property {Object.<string,number>|null} [droppedByReason] SdkHealth droppedByReason
             * @property {number|null} [queued] SdkHealth queued
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SdkHealth.
             * @memberof gamepulse.v1
             * @interface ISdkHealth
             * @augments gamepulse.v1.SdkHealth.$Properties
             * @deprecated Use gamepulse.v1.SdkHealth.$Properties instead.
             */

            /**
             * Shape of a SdkHealth.
             * @typedef {gamepulse.v1.SdkHealth.$Properties} gamepulse.v1.SdkHealth.$Shape
             */

            /**
             * Constructs a new SdkHealth.
             * @memberof gamepulse.v1
             * @classdesc Represents a SdkHealth.
             * @constructor
             * @param {gamepulse.v1.SdkHealth.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SdkHealth = function (properties) {
                this.droppedByReason = {};
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * SdkHealth droppedByReason.
             * @member {Object.<string,number>} droppedByReason
             * @memberof gamepulse.v1.SdkHealth
             * @instance
             */
            SdkHealth.prototype.droppedByReason = $util.emptyObject;

            /**
             * SdkHealth queued.
             * @member {number} queued
             * @memberof gamepulse.v1.SdkHealth
             * @instance
             */
            SdkHealth.prototype.queued = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new SdkHealth instance using the specified properties.
             * @function create
             * @memberof gamepulse.v1.SdkHealth
             * @static
             * @param {gamepulse.v1.SdkHealth.$Properties=} [properties] Properties to set
             * @returns {gamepulse.v1.SdkHealth} SdkHealth instance
             * @type {{
             *   (properties: gamepulse.v1.SdkHealth.$Shape): gamepulse.v1.SdkHealth & gamepulse.v1.SdkHealth.$Shape;
             *   (properties?: gamepulse.v1.SdkHealth.$Properties): gamepulse.v1.SdkHealth;
             * }}
             */
            SdkHealth.create = function(properties) {
                return new SdkHealth(properties);
            };

            /**
             * Encodes the specified SdkHealth message. Does not implicitly {@link gamepulse.v1.SdkHealth.verify|verify} messages.
             * @function encode
             * @memberof gamepulse.v1.SdkHealth
             * @static
             * @param {gamepulse.v1.SdkHealth.$Properties} message SdkHealth message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SdkHealth.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.droppedByReason != null && $Object.hasOwnProperty.call(message, "droppedByReason"))
                    for (let keys = $Object.keys(message.droppedByReason), i = 0; i < keys.length; ++i)
                        writer.uint32(/* id 1, wireType 2 =*/10).fork().uint32(/* id 1, wireType 2 =*/10).string(keys[i]).uint32(/* id 2, wireType 0 =*/16).uint64(message.droppedByReason[keys[i]]).ldelim();
                if (message.queued != null && $Object.hasOwnProperty.call(message, "queued") && (typeof message.queued === "object" ? message.queued.low || message.queued.high : message.queued !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.queued);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a SdkHealth message from the specified reader or buffer.
             * @function decode
             * @memberof gamepulse.v1.SdkHealth
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {gamepulse.v1.SdkHealth & gamepulse.v1.SdkHealth.$Shape} SdkHealth
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SdkHealth.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, key, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.gamepulse.v1.SdkHealth();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if (message.droppedByReason === $util.emptyObject)
                                message.droppedByReason = {};
                            let end2 = reader.size() + reader.pos;
                            if (end2 > reader.len)
                                throw $RangeError("index out of range");
                            reader.len = end2;
                            key = "";
                            value = $util.Long ? $util.Long.fromNumber(0, true) : 0;
                            while (reader.pos < end2) {
                                let tag2 = reader.tag();
                                wireType = tag2 & 7;
                                switch (tag2 >>>= 3) {
                                case 1:
                                    if (wireType !== 2)
                                        break;
                                    key = reader.stringVerify();
                                    continue;
                                case 2:
                                    if (wireType !== 0)
                                        break;
                                    value = reader.uint64();
                                    continue;
                                }
                                reader.skipType(wireType, _depth, tag2);
                            }
                            if (reader.pos !== end2)
                                throw $RangeError("index out of range");
                            reader.len = end;
                            if (key === "__proto__")
                                $util.makeProp(message.droppedByReason, key);
                            message.droppedByReason[key] = value;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.queued = value;
                            else
                                delete message.queued;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Creates a SdkHealth message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof gamepulse.v1.SdkHealth
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {gamepulse.v1.SdkHealth} SdkHealth
             */
            SdkHealth.fromObject = function (object, _depth) {
                if (object instanceof $root.gamepulse.v1.SdkHealth)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".gamepulse.v1.SdkHealth: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.gamepulse.v1.SdkHealth();
                if (object.droppedByReason) {
                    if (!$util.isObject(object.droppedByReason))
                        throw $TypeError(".gamepulse.v1.SdkHealth.droppedByReason: object expected");
                    message.droppedByReason = {};
                    for (let keys = $Object.keys(object.droppedByReason), i = 0; i < keys.length; ++i) {
                        if (keys[i] === "__proto__")
                            $util.makeProp(message.droppedByReason, keys[i]);
                        if ($util.Long)
                            message.droppedByReason[keys[i]] = $util.Long.fromValue(object.droppedByReason[keys[i]], true);
                        else if (typeof object.droppedByReason[keys[i]] === "string")
                            message.droppedByReason[keys[i]] = $parseInt(object.droppedByReason[keys[i]], 10);
                        else if (typeof object.droppedByReason[keys[i]] === "number")
                            message.droppedByReason[keys[i]] = object.droppedByReason[keys[i]];
                        else if (typeof object.droppedByReason[keys[i]] === "object")
                            message.droppedByReason[keys[i]] = new $util.LongBits(object.droppedByReason[keys[i]].low >>> 0, object.droppedByReason[keys[i]].high >>> 0).toNumber(true);
                    }
                }
                if (object.queued != null)
                    if (typeof object.queued === "object" ? object.queued.low || object.queued.high : $Number(object.queued) !== 0)
                        if ($util.Long)
                            message.queued = $util.Long.fromValue(object.queued, true);
                        else if (typeof object.queued === "string")
                            message.queued = $parseInt(object.queued, 10);
                        else if (typeof object.queued === "number")
                            message.queued = object.queued;
                        else if (typeof object.queued === "object")
                            message.queued = new $util.LongBits(object.queued.low >>> 0, object.queued.high >>> 0).toNumber(true);
                return message;
            };

            /**
             * Creates a plain object from a SdkHealth message. Also converts values to other types if specified.
             * @function toObject
             * @memberof gamepulse.v1.SdkHealth
             * @static
             * @param {gamepulse.v1.SdkHealth} message SdkHealth
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            SdkHealth.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.objects || options.defaults)
                    object.droppedByReason = {};
                if (options.defaults)
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.queued = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.queued = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                let keys2;
                if (message.droppedByReason && (keys2 = $Object.keys(message.droppedByReason)).length) {
                    object.droppedByReason = {};
                    for (let j = 0; j < keys2.length; ++j) {
                        if (keys2[j] === "__proto__")
                            $util.makeProp(object.droppedByReason, keys2[j]);
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.droppedByReason[keys2[j]] = typeof message.droppedByReason[keys2[j]] === "number" ? $BigInt(message.droppedByReason[keys2[j]]) : $util.Long.fromBits(message.droppedByReason[keys2[j]].low >>> 0, message.droppedByReason[keys2[j]].high >>> 0, true).toBigInt();
                        else if (typeof message.droppedByReason[keys2[j]] === "number")
                            object.droppedByReason[keys2[j]] = options.longs === $String ? $String(message.droppedByReason[keys2[j]]) : message.droppedByReason[keys2[j]];
                        else
                            object.droppedByReason[keys2[j]] = options.longs === $String ? $util.Long.prototype.toString.call(message.droppedByReason[keys2[j]]) : options.longs === $Number ? new $util.LongBits(message.droppedByReason[keys2[j]].low >>> 0, message.droppedByReason[keys2[j]].high >>> 0).toNumber(true) : message.droppedByReason[keys2[j]];
                    }
                }
                if (message.queued != null && $Object.hasOwnProperty.call(message, "queued"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.queued = typeof message.queued === "number" ? $BigInt(message.queued) : $util.Long.fromBits(message.queued.low >>> 0, message.queued.high >>> 0, true).toBigInt();
                    else if (typeof message.queued === "number")
                        object.queued = options.longs === $String ? $String(message.queued) : message.queued;
                    else
                        object.queued = options.longs === $String ? $util.Long.prototype.toString.call(message.queued) : options.longs === $Number ? new $util.LongBits(message.queued.low >>> 0, message.queued.high >>> 0).toNumber(true) : message.queued;
                return object;
            };

            /**
             * Converts this SdkHealth to JSON.
             * @function toJSON
             * @memberof gamepulse.v1.SdkHealth
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            SdkHealth.prototype.toJSON = function() {
                return SdkHealth.toObject(this, $protobuf.util.toJSONOptions);
            };

            return SdkHealth;
        })();

        v1.Rejection = (function() {

            /**
             * Properties of a Rejection.
             * @typedef {Object} gamepulse.v1.Rejection.$Properties
             * @property {number|null} [index] Rejection index
             * @property {string|null} [code] Rejection code
             * @property {string|null} [field] Rejection field
             * @property {string|null} [message] Rejection message
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Rejection.
             * @memberof gamepulse.v1
             * @interface IRejection
             * @augments gamepulse.v1.Rejection.$Properties
             * @deprecated Use gamepulse.v1.Rejection.$Properties instead.
             */

            /**
             * Shape of a Rejection.
             * @typedef {gamepulse.v1.Rejection.$Properties} gamepulse.v1.Rejection.$Shape
             */

            /**
             * Constructs a new Rejection.
             * @memberof gamepulse.v1
             * @classdesc Represents a Rejection.
             * @constructor
             * @param {gamepulse.v1.Rejection.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Rejection = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Rejection index.
             * @member {number} index
             * @memberof gamepulse.v1.Rejection
             * @instance
             */
            Rejection.prototype.index = 0;

            /**
             * Rejection code.
             * @member {string} code
             * @memberof gamepulse.v1.Rejection
             * @instance
             */
            Rejection.prototype.code = "";

            /**
             * Rejection field.
             * @member {string} field
             * @memberof gamepulse.v1.Rejection
             * @instance
             */
            Rejection.prototype.field = "";

            /**
             * Rejection message.
             * @member {string} message
             * @memberof gamepulse.v1.Rejection
             * @instance
             */
            Rejection.prototype.message = "";

            /**
             * Creates a new Rejection instance using the specified properties.
             * @function create
             * @memberof gamepulse.v1.Rejection
             * @static
             * @param {gamepulse.v1.Rejection.$Properties=} [properties] Properties to set
             * @returns {gamepulse.v1.Rejection} Rejection instance
             * @type {{
             *   (properties: gamepulse.v1.Rejection.$Shape): gamepulse.v1.Rejection & gamepulse.v1.Rejection.$Shape;
             *   (properties?: gamepulse.v1.Rejection.$Properties): gamepulse.v1.Rejection;
             * }}
             */
            Rejection.create = function(properties) {
                return new Rejection(properties);
            };

            /**
             * Encodes the specified Rejection message. Does not implicitly {@link gamepulse.v1.Rejection.verify|verify} messages.
             * @function encode
             * @memberof gamepulse.v1.Rejection
             * @static
             * @param {gamepulse.v1.Rejection.$Properties} message Rejection message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Rejection.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.index != null && $Object.hasOwnProperty.call(message, "index") && message.index !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.index);
                if (message.code != null && $Object.hasOwnProperty.call(message, "code") && message.code !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.code);
                if (message.field != null && $Object.hasOwnProperty.call(message, "field") && message.field !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.field);
                if (message.message != null && $Object.hasOwnProperty.call(message, "message") && message.message !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.message);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Rejection message from the specified reader or buffer.
             * @function decode
             * @memberof gamepulse.v1.Rejection
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {gamepulse.v1.Rejection & gamepulse.v1.Rejection.$Shape} Rejection
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Rejection.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.gamepulse.v1.Rejection();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.index = value;
                            else
                                delete message.index;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.code = value;
                            else
                                delete message.code;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.field = value;
                            else
                                delete message.field;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.message = value;
                            else
                                delete message.message;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Creates a Rejection message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof gamepulse.v1.Rejection
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {gamepulse.v1.Rejection} Rejection
             */
            Rejection.fromObject = function (object, _depth) {
                if (object instanceof $root.gamepulse.v1.Rejection)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".gamepulse.v1.Rejection: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.gamepulse.v1.Rejection();
                if (object.index != null)
                    if ($Number(object.index) !== 0)
                        message.index = object.index >>> 0;
                if (object.code != null)
                    if (typeof object.code !== "string" || object.code.length)
                        message.code = $String(object.code);
                if (object.field != null)
                    if (typeof object.field !== "string" || object.field.length)
                        message.field = $String(object.field);
                if (object.message != null)
                    if (typeof object.message !== "string" || object.message.length)
                        message.message = $String(object.message);
                return message;
            };

            /**
             * Creates a plain object from a Rejection message. Also converts values to other types if specified.
             * @function toObject
             * @memberof gamepulse.v1.Rejection
             * @static
             * @param {gamepulse.v1.Rejection} message Rejection
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Rejection.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.index = 0;
                    object.code = "";
                    object.field = "";
                    object.message = "";
                }
                if (message.index != null && $Object.hasOwnProperty.call(message, "index"))
                    object.index = message.index;
                if (message.code != null && $Object.hasOwnProperty.call(message, "code"))
                    object.code = message.code;
                if (message.field != null && $Object.hasOwnProperty.call(message, "field"))
                    object.field = message.field;
                if (message.message != null && $Object.hasOwnProperty.call(message, "message"))
                    object.message = message.message;
                return object;
            };

            /**
             * Converts this Rejection to JSON.
             * @function toJSON
             * @memberof gamepulse.v1.Rejection
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Rejection.prototype.toJSON = function() {
                return Rejection.toObject(this, $protobuf.util.toJSONOptions);
            };

            return Rejection;
        })();

        v1.BatchAck = (function() {

            /**
             * Properties of a BatchAck.
             * @typedef {Object} gamepulse.v1.BatchAck.$Properties
             * @property {number|null} [batchSequence] BatchAck batchSequence
             * @property {number|null} [accepted] BatchAck accepted
             * @property {Array.<gamepulse.v1.Rejection.$Properties>|null} [rejected] BatchAck rejected
             * @property {number|null} [serverTimeMs] BatchAck serverTimeMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a BatchAck.
             * @memberof gamepulse.v1
             * @interface IBatchAck
             * @augments gamepulse.v1.BatchAck.$Properties
             * @deprecated Use gamepulse.v1.BatchAck.$Properties instead.
             */

            /**
             * Shape of a BatchAck.
             * @typedef {gamepulse.v1.BatchAck.$Properties} gamepulse.v1.BatchAck.$Shape
             */

            /**
             * Constructs a new BatchAck.
             * @memberof gamepulse.v1
             * @classdesc Represents a BatchAck.
             * @constructor
             * @param {gamepulse.v1.BatchAck.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const BatchAck = function (properties) {
                this.rejected = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * BatchAck batchSequence.
             * @member {number} batchSequence
             * @memberof gamepulse.v1.BatchAck
             * @instance
             */
            BatchAck.prototype.batchSequence = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * BatchAck accepted.
             * @member {number} accepted
             * @memberof gamepulse.v1.BatchAck
             * @instance
             */
            BatchAck.prototype.accepted = 0;

            /**
             * BatchAck rejected.
             * @member {Array.<gamepulse.v1.Rejection.$Properties>} rejected
             * @memberof gamepulse.v1.BatchAck
             * @instance
             */
            BatchAck.prototype.rejected = $util.emptyArray;

            /**
             * BatchAck serverTimeMs.
             * @member {number} serverTimeMs
             * @memberof gamepulse.v1.BatchAck
             * @instance
             */
            BatchAck.prototype.serverTimeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Creates a new BatchAck instance using the specified properties.
             * @function create
             * @memberof gamepulse.v1.BatchAck
             * @static
             * @param {gamepulse.v1.BatchAck.$Properties=} [properties] Properties to set
             * @returns {gamepulse.v1.BatchAck} BatchAck instance
             * @type {{
             *   (properties: gamepulse.v1.BatchAck.$Shape): gamepulse.v1.BatchAck & gamepulse.v1.BatchAck.$Shape;
             *   (properties?: gamepulse.v1.BatchAck.$Properties): gamepulse.v1.BatchAck;
             * }}
             */
            BatchAck.create = function(properties) {
                return new BatchAck(properties);
            };

            /**
             * Encodes the specified BatchAck message. Does not implicitly {@link gamepulse.v1.BatchAck.verify|verify} messages.
             * @function encode
             * @memberof gamepulse.v1.BatchAck
             * @static
             * @param {gamepulse.v1.BatchAck.$Properties} message BatchAck message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            BatchAck.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.batchSequence != null && $Object.hasOwnProperty.call(message, "batchSequence") && (typeof message.batchSequence === "object" ? message.batchSequence.low || message.batchSequence.high : message.batchSequence !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.batchSequence);
                if (message.accepted != null && $Object.hasOwnProperty.call(message, "accepted") && message.accepted !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.accepted);
                if (message.rejected != null && message.rejected.length)
                    for (let i = 0; i < message.rejected.length; ++i)
                        $root.gamepulse.v1.Rejection.encode(message.rejected[i], writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.serverTimeMs != null && $Object.hasOwnProperty.call(message, "serverTimeMs") && (typeof message.serverTimeMs === "object" ? message.serverTimeMs.low || message.serverTimeMs.high : message.serverTimeMs !== 0))
                    writer.uint32(/* id 4, wireType 0 =*/32).int64(message.serverTimeMs);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a BatchAck message from the specified reader or buffer.
             * @function decode
             * @memberof gamepulse.v1.BatchAck
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {gamepulse.v1.BatchAck & gamepulse.v1.BatchAck.$Shape} BatchAck
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            BatchAck.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.gamepulse.v1.BatchAck();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.batchSequence = value;
                            else
                                delete message.batchSequence;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.accepted = value;
                            else
                                delete message.accepted;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if (!(message.rejected && message.rejected.length))
                                message.rejected = [];
                            message.rejected.push($root.gamepulse.v1.Rejection.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.serverTimeMs = value;
                            else
                                delete message.serverTimeMs;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Creates a BatchAck message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof gamepulse.v1.BatchAck
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {gamepulse.v1.BatchAck} BatchAck
             */
            BatchAck.fromObject = function (object, _depth) {
                if (object instanceof $root.gamepulse.v1.BatchAck)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".gamepulse.v1.BatchAck: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.gamepulse.v1.BatchAck();
                if (object.batchSequence != null)
                    if (typeof object.batchSequence === "object" ? object.batchSequence.low || object.batchSequence.high : $Number(object.batchSequence) !== 0)
                        if ($util.Long)
                            message.batchSequence = $util.Long.fromValue(object.batchSequence, true);
                        else if (typeof object.batchSequence === "string")
                            message.batchSequence = $parseInt(object.batchSequence, 10);
                        else if (typeof object.batchSequence === "number")
                            message.batchSequence = object.batchSequence;
                        else if (typeof object.batchSequence === "object")
                            message.batchSequence = new $util.LongBits(object.batchSequence.low >>> 0, object.batchSequence.high >>> 0).toNumber(true);
                if (object.accepted != null)
                    if ($Number(object.accepted) !== 0)
                        message.accepted = object.accepted >>> 0;
                if (object.rejected) {
                    if (!$Array.isArray(object.rejected))
                        throw $TypeError(".gamepulse.v1.BatchAck.rejected: array expected");
                    message.rejected = $Array(object.rejected.length);
                    for (let i = 0; i < object.rejected.length; ++i) {
                        if (!$util.isObject(object.rejected[i]))
                            throw $TypeError(".gamepulse.v1.BatchAck.rejected: object expected");
                        message.rejected[i] = $root.gamepulse.v1.Rejection.fromObject(object.rejected[i], _depth + 1);
                    }
                }
                if (object.serverTimeMs != null)
                    if (typeof object.serverTimeMs === "object" ? object.serverTimeMs.low || object.serverTimeMs.high : $Number(object.serverTimeMs) !== 0)
                        if ($util.Long)
                            message.serverTimeMs = $util.Long.fromValue(object.serverTimeMs, false);
                        else if (typeof object.serverTimeMs === "string")
                            message.serverTimeMs = $parseInt(object.serverTimeMs, 10);
                        else if (typeof object.serverTimeMs === "number")
                            message.serverTimeMs = object.serverTimeMs;
                        else if (typeof object.serverTimeMs === "object")
                            message.serverTimeMs = new $util.LongBits(object.serverTimeMs.low >>> 0, object.serverTimeMs.high >>> 0).toNumber();
                return message;
            };

            /**
             * Creates a plain object from a BatchAck message. Also converts values to other types if specified.
             * @function toObject
             * @memberof gamepulse.v1.BatchAck
             * @static
             * @param {gamepulse.v1.BatchAck} message BatchAck
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            BatchAck.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults)
                    object.rejected = [];
                if (options.defaults) {
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.batchSequence = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.batchSequence = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.accepted = 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.serverTimeMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.serverTimeMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (message.batchSequence != null && $Object.hasOwnProperty.call(message, "batchSequence"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.batchSequence = typeof message.batchSequence === "number" ? $BigInt(message.batchSequence) : $util.Long.fromBits(message.batchSequence.low >>> 0, message.batchSequence.high >>> 0, true).toBigInt();
                    else if (typeof message.batchSequence === "number")
                        object.batchSequence = options.longs === $String ? $String(message.batchSequence) : message.batchSequence;
                    else
                        object.batchSequence = options.longs === $String ? $util.Long.prototype.toString.call(message.batchSequence) : options.longs === $Number ? new $util.LongBits(message.batchSequence.low >>> 0, message.batchSequence.high >>> 0).toNumber(true) : message.batchSequence;
                if (message.accepted != null && $Object.hasOwnProperty.call(message, "accepted"))
                    object.accepted = message.accepted;
                if (message.rejected && message.rejected.length) {
                    object.rejected = $Array(message.rejected.length);
                    for (let j = 0; j < message.rejected.length; ++j)
                        object.rejected[j] = $root.gamepulse.v1.Rejection.toObject(message.rejected[j], options, _depth + 1);
                }
                if (message.serverTimeMs != null && $Object.hasOwnProperty.call(message, "serverTimeMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.serverTimeMs = typeof message.serverTimeMs === "number" ? $BigInt(message.serverTimeMs) : $util.Long.fromBits(message.serverTimeMs.low >>> 0, message.serverTimeMs.high >>> 0, false).toBigInt();
                    else if (typeof message.serverTimeMs === "number")
                        object.serverTimeMs = options.longs === $String ? $String(message.serverTimeMs) : message.serverTimeMs;
                    else
                        object.serverTimeMs = options.longs === $String ? $util.Long.prototype.toString.call(message.serverTimeMs) : options.longs === $Number ? new $util.LongBits(message.serverTimeMs.low >>> 0, message.serverTimeMs.high >>> 0).toNumber() : message.serverTimeMs;
                return object;
            };

            /**
             * Converts this BatchAck to JSON.
             * @function toJSON
             * @memberof gamepulse.v1.BatchAck
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            BatchAck.prototype.toJSON = function() {
                return BatchAck.toObject(this, $protobuf.util.toJSONOptions);
            };

            return BatchAck;
        })();

        v1.StreamError = (function() {

            /**
             * Properties of a StreamError.
             * @typedef {Object} gamepulse.v1.StreamError.$Properties
             * @property {number|null} [batchSequence] StreamError batchSequence
             * @property {string|null} [code] StreamError code
             * @property {string|null} [message] StreamError message
             * @property {boolean|null} [retryable] StreamError retryable
             * @property {number|null} [retryAfterMs] StreamError retryAfterMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a StreamError.
             * @memberof gamepulse.v1
             * @interface IStreamError
             * @augments gamepulse.v1.StreamError.$Properties
             * @deprecated Use gamepulse.v1.StreamError.$Properties instead.
             */

            /**
             * Shape of a StreamError.
             * @typedef {gamepulse.v1.StreamError.$Properties} gamepulse.v1.StreamError.$Shape
             */

            /**
             * Constructs a new StreamError.
             * @memberof gamepulse.v1
             * @classdesc Represents a StreamError.
             * @constructor
             * @param {gamepulse.v1.StreamError.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const StreamError = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * StreamError batchSequence.
             * @member {number} batchSequence
             * @memberof gamepulse.v1.StreamError
             * @instance
             */
            StreamError.prototype.batchSequence = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * StreamError code.
             * @member {string} code
             * @memberof gamepulse.v1.StreamError
             * @instance
             */
            StreamError.prototype.code = "";

            /**
             * StreamError message.
             * @member {string} message
             * @memberof gamepulse.v1.StreamError
             * @instance
             */
            StreamError.prototype.message = "";

            /**
             * StreamError retryable.
             * @member {boolean} retryable
             * @memberof gamepulse.v1.StreamError
             * @instance
             */
            StreamError.prototype.retryable = false;

            /**
             * StreamError retryAfterMs.
             * @member {number} retryAfterMs
             * @memberof gamepulse.v1.StreamError
             * @instance
             */
            StreamError.prototype.retryAfterMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Creates a new StreamError instance using the specified properties.
             * @function create
             * @memberof gamepulse.v1.StreamError
             * @static
             * @param {gamepulse.v1.StreamError.$Properties=} [properties] Properties to set
             * @returns {gamepulse.v1.StreamError} StreamError instance
             * @type {{
             *   (properties: gamepulse.v1.StreamError.$Shape): gamepulse.v1.StreamError & gamepulse.v1.StreamError.$Shape;
             *   (properties?: gamepulse.v1.StreamError.$Properties): gamepulse.v1.StreamError;
             * }}
             */
            StreamError.create = function(properties) {
                return new StreamError(properties);
            };

            /**
             * Encodes the specified StreamError message. Does not implicitly {@link gamepulse.v1.StreamError.verify|verify} messages.
             * @function encode
             * @memberof gamepulse.v1.StreamError
             * @static
             * @param {gamepulse.v1.StreamError.$Properties} message StreamError message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            StreamError.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.batchSequence != null && $Object.hasOwnProperty.call(message, "batchSequence") && (typeof message.batchSequence === "object" ? message.batchSequence.low || message.batchSequence.high : message.batchSequence !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.batchSequence);
                if (message.code != null && $Object.hasOwnProperty.call(message, "code") && message.code !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.code);
                if (message.message != null && $Object.hasOwnProperty.call(message, "message") && message.message !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.message);
                if (message.retryable != null && $Object.hasOwnProperty.call(message, "retryable") && message.retryable !== false)
                    writer.uint32(/* id 4, wireType 0 =*/32).bool(message.retryable);
                if (message.retryAfterMs != null && $Object.hasOwnProperty.call(message, "retryAfterMs") && (typeof message.retryAfterMs === "object" ? message.retryAfterMs.low || message.retryAfterMs.high : message.retryAfterMs !== 0))
                    writer.uint32(/* id 5, wireType 0 =*/40).int64(message.retryAfterMs);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a StreamError message from the specified reader or buffer.
             * @function decode
             * @memberof gamepulse.v1.StreamError
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {gamepulse.v1.StreamError & gamepulse.v1.StreamError.$Shape} StreamError
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            StreamError.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.gamepulse.v1.StreamError();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.batchSequence = value;
                            else
                                delete message.batchSequence;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.code = value;
                            else
                                delete message.code;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.message = value;
                            else
                                delete message.message;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.retryable = value;
                            else
                                delete message.retryable;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.retryAfterMs = value;
                            else
                                delete message.retryAfterMs;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Creates a StreamError message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof gamepulse.v1.StreamError
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {gamepulse.v1.StreamError} StreamError
             */
            StreamError.fromObject = function (object, _depth) {
                if (object instanceof $root.gamepulse.v1.StreamError)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".gamepulse.v1.StreamError: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.gamepulse.v1.StreamError();
                if (object.batchSequence != null)
                    if (typeof object.batchSequence === "object" ? object.batchSequence.low || object.batchSequence.high : $Number(object.batchSequence) !== 0)
                        if ($util.Long)
                            message.batchSequence = $util.Long.fromValue(object.batchSequence, true);
                        else if (typeof object.batchSequence === "string")
                            message.batchSequence = $parseInt(object.batchSequence, 10);
                        else if (typeof object.batchSequence === "number")
                            message.batchSequence = object.batchSequence;
                        else if (typeof object.batchSequence === "object")
                            message.batchSequence = new $util.LongBits(object.batchSequence.low >>> 0, object.batchSequence.high >>> 0).toNumber(true);
                if (object.code != null)
                    if (typeof object.code !== "string" || object.code.length)
                        message.code = $String(object.code);
                if (object.message != null)
                    if (typeof object.message !== "string" || object.message.length)
                        message.message = $String(object.message);
                if (object.retryable != null)
                    if (object.retryable)
                        message.retryable = $Boolean(object.retryable);
                if (object.retryAfterMs != null)
                    if (typeof object.retryAfterMs === "object" ? object.retryAfterMs.low || object.retryAfterMs.high : $Number(object.retryAfterMs) !== 0)
                        if ($util.Long)
                            message.retryAfterMs = $util.Long.fromValue(object.retryAfterMs, false);
                        else if (typeof object.retryAfterMs === "string")
                            message.retryAfterMs = $parseInt(object.retryAfterMs, 10);
                        else if (typeof object.retryAfterMs === "number")
                            message.retryAfterMs = object.retryAfterMs;
                        else if (typeof object.retryAfterMs === "object")
                            message.retryAfterMs = new $util.LongBits(object.retryAfterMs.low >>> 0, object.retryAfterMs.high >>> 0).toNumber();
                return message;
            };

            /**
             * Creates a plain object from a StreamError message. Also converts values to other types if specified.
             * @function toObject
             * @memberof gamepulse.v1.StreamError
             * @static
             * @param {gamepulse.v1.StreamError} message StreamError
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            StreamError.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.batchSequence = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.batchSequence = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.code = "";
                    object.message = "";
                    object.retryable = false;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.retryAfterMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.retryAfterMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (message.batchSequence != null && $Object.hasOwnProperty.call(message, "batchSequence"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.batchSequence = typeof message.batchSequence === "number" ? $BigInt(message.batchSequence) : $util.Long.fromBits(message.batchSequence.low >>> 0, message.batchSequence.high >>> 0, true).toBigInt();
                    else if (typeof message.batchSequence === "number")
                        object.batchSequence = options.longs === $String ? $String(message.batchSequence) : message.batchSequence;
                    else
                        object.batchSequence = options.longs === $String ? $util.Long.prototype.toString.call(message.batchSequence) : options.longs === $Number ? new $util.LongBits(message.batchSequence.low >>> 0, message.batchSequence.high >>> 0).toNumber(true) : message.batchSequence;
                if (message.code != null && $Object.hasOwnProperty.call(message, "code"))
                    object.code = message.code;
                if (message.message != null && $Object.hasOwnProperty.call(message, "message"))
                    object.message = message.message;
                if (message.retryable != null && $Object.hasOwnProperty.call(message, "retryable"))
                    object.retryable = message.retryable;
                if (message.retryAfterMs != null && $Object.hasOwnProperty.call(message, "retryAfterMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.retryAfterMs = typeof message.retryAfterMs === "number" ? $BigInt(message.retryAfterMs) : $util.Long.fromBits(message.retryAfterMs.low >>> 0, message.retryAfterMs.high >>> 0, false).toBigInt();
                    else if (typeof message.retryAfterMs === "number")
                        object.retryAfterMs = options.longs === $String ? $String(message.retryAfterMs) : message.retryAfterMs;
                    else
                        object.retryAfterMs = options.longs === $String ? $util.Long.prototype.toString.call(message.retryAfterMs) : options.longs === $Number ? new $util.LongBits(message.retryAfterMs.low >>> 0, message.retryAfterMs.high >>> 0).toNumber() : message.retryAfterMs;
                return object;
            };

            /**
             * Converts this StreamError to JSON.
             * @function toJSON
             * @memberof gamepulse.v1.StreamError
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            StreamError.prototype.toJSON = function() {
                return StreamError.toObject(this, $protobuf.util.toJSONOptions);
            };

            return StreamError;
        })();

        v1.StreamReply = (function() {

            /**
             * Properties of a StreamReply.
             * @typedef {Object} gamepulse.v1.StreamReply.$Properties
             * @property {gamepulse.v1.BatchAck.$Properties|null} [ack] StreamReply ack
             * @property {gamepulse.v1.StreamError.$Properties|null} [error] StreamReply error
             * @property {"ack"|"error"} [reply] StreamReply reply
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a StreamReply.
             * @memberof gamepulse.v1
             * @interface IStreamReply
             * @augments gamepulse.v1.StreamReply.$Properties
             * @deprecated Use gamepulse.v1.StreamReply.$Properties instead.
             */

            /**
             * Narrowed shape of a StreamReply.
             * @typedef {{
             *   ack?: gamepulse.v1.BatchAck.$Shape|null;
             *   error?: gamepulse.v1.StreamError.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ reply?: undefined; ack?: null; error?: null }|{ reply?: "ack"; ack: gamepulse.v1.BatchAck.$Shape; error?: null }|{ reply?: "error"; ack?: null; error: gamepulse.v1.StreamError.$Shape })
             * )} gamepulse.v1.StreamReply.$Shape
             */

            /**
             * Constructs a new StreamReply.
             * @memberof gamepulse.v1
             * @classdesc Represents a StreamReply.
             * @constructor
             * @param {gamepulse.v1.StreamReply.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const StreamReply = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * StreamReply ack.
             * @member {gamepulse.v1.BatchAck.$Properties|null|undefined} ack
             * @memberof gamepulse.v1.StreamReply
             * @instance
             */
            StreamReply.prototype.ack = null;

            /**
             * StreamReply error.
             * @member {gamepulse.v1.StreamError.$Properties|null|undefined} error
             * @memberof gamepulse.v1.StreamReply
             * @instance
             */
            StreamReply.prototype.error = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * StreamReply reply.
             * @member {"ack"|"error"|undefined} reply
             * @memberof gamepulse.v1.StreamReply
             * @instance
             */
            $Object.defineProperty(StreamReply.prototype, "reply", {
                get: $util.oneOfGetter($oneOfFields = ["ack", "error"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new StreamReply instance using the specified properties.
             * @function create
             * @memberof gamepulse.v1.StreamReply
             * @static
             * @param {gamepulse.v1.StreamReply.$Properties=} [properties] Properties to set
             * @returns {gamepulse.v1.StreamReply} StreamReply instance
             * @type {{
             *   (properties: gamepulse.v1.StreamReply.$Shape): gamepulse.v1.StreamReply & gamepulse.v1.StreamReply.$Shape;
             *   (properties?: gamepulse.v1.StreamReply.$Properties): gamepulse.v1.StreamReply;
             * }}
             */
            StreamReply.create = function(properties) {
                return new StreamReply(properties);
            };

            /**
             * Encodes the specified StreamReply message. Does not implicitly {@link gamepulse.v1.StreamReply.verify|verify} messages.
             * @function encode
             * @memberof gamepulse.v1.StreamReply
             * @static
             * @param {gamepulse.v1.StreamReply.$Properties} message StreamReply message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            StreamReply.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.ack != null && $Object.hasOwnProperty.call(message, "ack"))
                    $root.gamepulse.v1.BatchAck.encode(message.ack, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.error != null && $Object.hasOwnProperty.call(message, "error"))
                    $root.gamepulse.v1.StreamError.encode(message.error, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a StreamReply message from the specified reader or buffer.
             * @function decode
             * @memberof gamepulse.v1.StreamReply
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {gamepulse.v1.StreamReply & gamepulse.v1.StreamReply.$Shape} StreamReply
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            StreamReply.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.gamepulse.v1.StreamReply();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            message.ack = $root.gamepulse.v1.BatchAck.decode(reader, reader.size(), $undefined, _depth + 1, message.ack);
                            message.reply = "ack";
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.error = $root.gamepulse.v1.StreamError.decode(reader, reader.size(), $undefined, _depth + 1, message.error);
                            message.reply = "error";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Creates a StreamReply message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof gamepulse.v1.StreamReply
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {gamepulse.v1.StreamReply} StreamReply
             */
            StreamReply.fromObject = function (object, _depth) {
                if (object instanceof $root.gamepulse.v1.StreamReply)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".gamepulse.v1.StreamReply: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.gamepulse.v1.StreamReply();
                if (object.ack != null) {
                    if (!$util.isObject(object.ack))
                        throw $TypeError(".gamepulse.v1.StreamReply.ack: object expected");
                    message.ack = $root.gamepulse.v1.BatchAck.fromObject(object.ack, _depth + 1);
                }
                if (object.error != null) {
                    if (!$util.isObject(object.error))
                        throw $TypeError(".gamepulse.v1.StreamReply.error: object expected");
                    message.error = $root.gamepulse.v1.StreamError.fromObject(object.error, _depth + 1);
                }
                return message;
            };

            /**
             * Creates a plain object from a StreamReply message. Also converts values to other types if specified.
             * @function toObject
             * @memberof gamepulse.v1.StreamReply
             * @static
             * @param {gamepulse.v1.StreamReply} message StreamReply
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            StreamReply.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (message.ack != null && $Object.hasOwnProperty.call(message, "ack")) {
                    object.ack = $root.gamepulse.v1.BatchAck.toObject(message.ack, options, _depth + 1);
                    if (options.oneofs)
                        object.reply = "ack";
                }
                if (message.error != null && $Object.hasOwnProperty.call(message, "error")) {
                    object.error = $root.gamepulse.v1.StreamError.toObject(message.error, options, _depth + 1);
                    if (options.oneofs)
                        object.reply = "error";
                }
                return object;
            };

            /**
             * Converts this StreamReply to JSON.
             * @function toJSON
             * @memberof gamepulse.v1.StreamReply
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            StreamReply.prototype.toJSON = function() {
                return StreamReply.toObject(this, $protobuf.util.toJSONOptions);
            };

            return StreamReply;
        })();

        v1.IngestedBatch = (function() {

            /**
             * Properties of an IngestedBatch.
             * @typedef {Object} gamepulse.v1.IngestedBatch.$Properties
             * @property {string|null} [installId] IngestedBatch installId
             * @property {number|null} [batchSequence] IngestedBatch batchSequence
             * @property {gamepulse.v1.Context.$Properties|null} [context] IngestedBatch context
             * @property {Array.<gamepulse.v1.Event.$Properties>|null} [events] IngestedBatch events
             * @property {number|null} [receivedAtMs] IngestedBatch receivedAtMs
             * @property {number|null} [clockSkewMs] IngestedBatch clockSkewMs
             * @property {string|null} [keyId] IngestedBatch keyId
             * @property {number|null} [rejected] IngestedBatch rejected
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an IngestedBatch.
             * @memberof gamepulse.v1
             * @interface IIngestedBatch
             * @augments gamepulse.v1.IngestedBatch.$Properties
             * @deprecated Use gamepulse.v1.IngestedBatch.$Properties instead.
             */

            /**
             * Shape of an IngestedBatch.
             * @typedef {{
             *   installId?: string|null;
             *   batchSequence?: number|null;
             *   context?: gamepulse.v1.Context.$Shape|null;
             *   events?: Array.<gamepulse.v1.Event.$Shape>|null;
             *   receivedAtMs?: number|null;
             *   clockSkewMs?: number|null;
             *   keyId?: string|null;
             *   rejected?: number|null;
             *   $unknowns?: Array.<Uint8Array>;
             * }} gamepulse.v1.IngestedBatch.$Shape
             */

            /**
             * Constructs a new IngestedBatch.
             * @memberof gamepulse.v1
             * @classdesc Represents an IngestedBatch.
             * @constructor
             * @param {gamepulse.v1.IngestedBatch.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const IngestedBatch = function (properties) {
                this.events = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * IngestedBatch installId.
             * @member {string} installId
             * @memberof gamepulse.v1.IngestedBatch
             * @instance
             */
            IngestedBatch.prototype.installId = "";

            /**
             * IngestedBatch batchSequence.
             * @member {number} batchSequence
             * @memberof gamepulse.v1.IngestedBatch
             * @instance
             */
            IngestedBatch.prototype.batchSequence = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * IngestedBatch context.
             * @member {gamepulse.v1.Context.$Properties|null|undefined} context
             * @memberof gamepulse.v1.IngestedBatch
             * @instance
             */
            IngestedBatch.prototype.context = null;

            /**
             * IngestedBatch events.
             * @member {Array.<gamepulse.v1.Event.$Properties>} events
             * @memberof gamepulse.v1.IngestedBatch
             * @instance
             */
            IngestedBatch.prototype.events = $util.emptyArray;

            /**
             * IngestedBatch receivedAtMs.
             * @member {number} receivedAtMs
             * @memberof gamepulse.v1.IngestedBatch
             * @instance
             */
            IngestedBatch.prototype.receivedAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * IngestedBatch clockSkewMs.
             * @member {number} clockSkewMs
             * @memberof gamepulse.v1.IngestedBatch
             * @instance
             */
            IngestedBatch.prototype.clockSkewMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * IngestedBatch keyId.
             * @member {string} keyId
             * @memberof gamepulse.v1.IngestedBatch
             * @instance
             */
            IngestedBatch.prototype.keyId = "";

            /**
             * IngestedBatch rejected.
             * @member {number} rejected
             * @memberof gamepulse.v1.IngestedBatch
             * @instance
             */
            IngestedBatch.prototype.rejected = 0;

            /**
             * Creates a new IngestedBatch instance using the specified properties.
             * @function create
             * @memberof gamepulse.v1.IngestedBatch
             * @static
             * @param {gamepulse.v1.IngestedBatch.$Properties=} [properties] Properties to set
             * @returns {gamepulse.v1.IngestedBatch} IngestedBatch instance
             * @type {{
             *   (properties: gamepulse.v1.IngestedBatch.$Shape): gamepulse.v1.IngestedBatch & gamepulse.v1.IngestedBatch.$Shape;
             *   (properties?: gamepulse.v1.IngestedBatch.$Properties): gamepulse.v1.IngestedBatch;
             * }}
             */
            IngestedBatch.create = function(properties) {
                return new IngestedBatch(properties);
            };

            /**
             * Encodes the specified IngestedBatch message. Does not implicitly {@link gamepulse.v1.IngestedBatch.verify|verify} messages.
             * @function encode
             * @memberof gamepulse.v1.IngestedBatch
             * @static
             * @param {gamepulse.v1.IngestedBatch.$Properties} message IngestedBatch message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            IngestedBatch.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.installId != null && $Object.hasOwnProperty.call(message, "installId") && message.installId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.installId);
                if (message.batchSequence != null && $Object.hasOwnProperty.call(message, "batchSequence") && (typeof message.batchSequence === "object" ? message.batchSequence.low || message.batchSequence.high : message.batchSequence !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.batchSequence);
                if (message.context != null && $Object.hasOwnProperty.call(message, "context"))
                    $root.gamepulse.v1.Context.encode(message.context, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.events != null && message.events.length)
                    for (let i = 0; i < message.events.length; ++i)
                        $root.gamepulse.v1.Event.encode(message.events[i], writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                if (message.receivedAtMs != null && $Object.hasOwnProperty.call(message, "receivedAtMs") && (typeof message.receivedAtMs === "object" ? message.receivedAtMs.low || message.receivedAtMs.high : message.receivedAtMs !== 0))
                    writer.uint32(/* id 5, wireType 0 =*/40).int64(message.receivedAtMs);
                if (message.clockSkewMs != null && $Object.hasOwnProperty.call(message, "clockSkewMs") && (typeof message.clockSkewMs === "object" ? message.clockSkewMs.low || message.clockSkewMs.high : message.clockSkewMs !== 0))
                    writer.uint32(/* id 6, wireType 0 =*/48).int64(message.clockSkewMs);
                if (message.keyId != null && $Object.hasOwnProperty.call(message, "keyId") && message.keyId !== "")
                    writer.uint32(/* id 7, wireType 2 =*/58).string(message.keyId);
                if (message.rejected != null && $Object.hasOwnProperty.call(message, "rejected") && message.rejected !== 0)
                    writer.uint32(/* id 8, wireType 0 =*/64).uint32(message.rejected);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an IngestedBatch message from the specified reader or buffer.
             * @function decode
             * @memberof gamepulse.v1.IngestedBatch
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {gamepulse.v1.IngestedBatch & gamepulse.v1.IngestedBatch.$Shape} IngestedBatch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            IngestedBatch.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.gamepulse.v1.IngestedBatch();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.installId = value;
                            else
                                delete message.installId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.batchSequence = value;
                            else
                                delete message.batchSequence;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.context = $root.gamepulse.v1.Context.decode(reader, reader.size(), $undefined, _depth + 1, message.context);
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if (!(message.events && message.events.length))
                                message.events = [];
                            message.events.push($root.gamepulse.v1.Event.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.receivedAtMs = value;
                            else
                                delete message.receivedAtMs;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.clockSkewMs = value;
                            else
                                delete message.clockSkewMs;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.keyId = value;
                            else
                                delete message.keyId;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.rejected = value;
                            else
                                delete message.rejected;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Creates an IngestedBatch message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof gamepulse.v1.IngestedBatch
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {gamepulse.v1.IngestedBatch} IngestedBatch
             */
            IngestedBatch.fromObject = function (object, _depth) {
                if (object instanceof $root.gamepulse.v1.IngestedBatch)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".gamepulse.v1.IngestedBatch: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.gamepulse.v1.IngestedBatch();
                if (object.installId != null)
                    if (typeof object.installId !== "string" || object.installId.length)
                        message.installId = $String(object.installId);
                if (object.batchSequence != null)
                    if (typeof object.batchSequence === "object" ? object.batchSequence.low || object.batchSequence.high : $Number(object.batchSequence) !== 0)
                        if ($util.Long)
                            message.batchSequence = $util.Long.fromValue(object.batchSequence, true);
                        else if (typeof object.batchSequence === "string")
                            message.batchSequence = $parseInt(object.batchSequence, 10);
                        else if (typeof object.batchSequence === "number")
                            message.batchSequence = object.batchSequence;
                        else if (typeof object.batchSequence === "object")
                            message.batchSequence = new $util.LongBits(object.batchSequence.low >>> 0, object.batchSequence.high >>> 0).toNumber(true);
                if (object.context != null) {
                    if (!$util.isObject(object.context))
                        throw $TypeError(".gamepulse.v1.IngestedBatch.context: object expected");
                    message.context = $root.gamepulse.v1.Context.fromObject(object.context, _depth + 1);
                }
                if (object.events) {
                    if (!$Array.isArray(object.events))
                        throw $TypeError(".gamepulse.v1.IngestedBatch.events: array expected");
                    message.events = $Array(object.events.length);
                    for (let i = 0; i < object.events.length; ++i) {
                        if (!$util.isObject(object.events[i]))
                            throw $TypeError(".gamepulse.v1.IngestedBatch.events: object expected");
                        message.events[i] = $root.gamepulse.v1.Event.fromObject(object.events[i], _depth + 1);
                    }
                }
                if (object.receivedAtMs != null)
                    if (typeof object.receivedAtMs === "object" ? object.receivedAtMs.low || object.receivedAtMs.high : $Number(object.receivedAtMs) !== 0)
                        if ($util.Long)
                            message.receivedAtMs = $util.Long.fromValue(object.receivedAtMs, false);
                        else if (typeof object.receivedAtMs === "string")
                            message.receivedAtMs = $parseInt(object.receivedAtMs, 10);
                        else if (typeof object.receivedAtMs === "number")
                            message.receivedAtMs = object.receivedAtMs;
                        else if (typeof object.receivedAtMs === "object")
                            message.receivedAtMs = new $util.LongBits(object.receivedAtMs.low >>> 0, object.receivedAtMs.high >>> 0).toNumber();
                if (object.clockSkewMs != null)
                    if (typeof object.clockSkewMs === "object" ? object.clockSkewMs.low || object.clockSkewMs.high : $Number(object.clockSkewMs) !== 0)
                        if ($util.Long)
                            message.clockSkewMs = $util.Long.fromValue(object.clockSkewMs, false);
                        else if (typeof object.clockSkewMs === "string")
                            message.clockSkewMs = $parseInt(object.clockSkewMs, 10);
                        else if (typeof object.clockSkewMs === "number")
                            message.clockSkewMs = object.clockSkewMs;
                        else if (typeof object.clockSkewMs === "object")
                            message.clockSkewMs = new $util.LongBits(object.clockSkewMs.low >>> 0, object.clockSkewMs.high >>> 0).toNumber();
                if (object.keyId != null)
                    if (typeof object.keyId !== "string" || object.keyId.length)
                        message.keyId = $String(object.keyId);
                if (object.rejected != null)
                    if ($Number(object.rejected) !== 0)
                        message.rejected = object.rejected >>> 0;
                return message;
            };

            /**
             * Creates a plain object from an IngestedBatch message. Also converts values to other types if specified.
             * @function toObject
             * @memberof gamepulse.v1.IngestedBatch
             * @static
             * @param {gamepulse.v1.IngestedBatch} message IngestedBatch
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            IngestedBatch.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults)
                    object.events = [];
                if (options.defaults) {
                    object.installId = "";
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.batchSequence = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.batchSequence = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.context = null;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.receivedAtMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.receivedAtMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.clockSkewMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.clockSkewMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.keyId = "";
                    object.rejected = 0;
                }
                if (message.installId != null && $Object.hasOwnProperty.call(message, "installId"))
                    object.installId = message.installId;
                if (message.batchSequence != null && $Object.hasOwnProperty.call(message, "batchSequence"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.batchSequence = typeof message.batchSequence === "number" ? $BigInt(message.batchSequence) : $util.Long.fromBits(message.batchSequence.low >>> 0, message.batchSequence.high >>> 0, true).toBigInt();
                    else if (typeof message.batchSequence === "number")
                        object.batchSequence = options.longs === $String ? $String(message.batchSequence) : message.batchSequence;
                    else
                        object.batchSequence = options.longs === $String ? $util.Long.prototype.toString.call(message.batchSequence) : options.longs === $Number ? new $util.LongBits(message.batchSequence.low >>> 0, message.batchSequence.high >>> 0).toNumber(true) : message.batchSequence;
                if (message.context != null && $Object.hasOwnProperty.call(message, "context"))
                    object.context = $root.gamepulse.v1.Context.toObject(message.context, options, _depth + 1);
                if (message.events && message.events.length) {
                    object.events = $Array(message.events.length);
                    for (let j = 0; j < message.events.length; ++j)
                        object.events[j] = $root.gamepulse.v1.Event.toObject(message.events[j], options, _depth + 1);
                }
                if (message.receivedAtMs != null && $Object.hasOwnProperty.call(message, "receivedAtMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.receivedAtMs = typeof message.receivedAtMs === "number" ? $BigInt(message.receivedAtMs) : $util.Long.fromBits(message.receivedAtMs.low >>> 0, message.receivedAtMs.high >>> 0, false).toBigInt();
                    else if (typeof message.receivedAtMs === "number")
                        object.receivedAtMs = options.longs === $String ? $String(message.receivedAtMs) : message.receivedAtMs;
                    else
                        object.receivedAtMs = options.longs === $String ? $util.Long.prototype.toString.call(message.receivedAtMs) : options.longs === $Number ? new $util.LongBits(message.receivedAtMs.low >>> 0, message.receivedAtMs.high >>> 0).toNumber() : message.receivedAtMs;
                if (message.clockSkewMs != null && $Object.hasOwnProperty.call(message, "clockSkewMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.clockSkewMs = typeof message.clockSkewMs === "number" ? $BigInt(message.clockSkewMs) : $util.Long.fromBits(message.clockSkewMs.low >>> 0, message.clockSkewMs.high >>> 0, false).toBigInt();
                    else if (typeof message.clockSkewMs === "number")
                        object.clockSkewMs = options.longs === $String ? $String(message.clockSkewMs) : message.clockSkewMs;
                    else
                        object.clockSkewMs = options.longs === $String ? $util.Long.prototype.toString.call(message.clockSkewMs) : options.longs === $Number ? new $util.LongBits(message.clockSkewMs.low >>> 0, message.clockSkewMs.high >>> 0).toNumber() : message.clockSkewMs;
                if (message.keyId != null && $Object.hasOwnProperty.call(message, "keyId"))
                    object.keyId = message.keyId;
                if (message.rejected != null && $Object.hasOwnProperty.call(message, "rejected"))
                    object.rejected = message.rejected;
                return object;
            };

            /**
             * Converts this IngestedBatch to JSON.
             * @function toJSON
             * @memberof gamepulse.v1.IngestedBatch
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            IngestedBatch.prototype.toJSON = function() {
                return IngestedBatch.toObject(this, $protobuf.util.toJSONOptions);
            };

            return IngestedBatch;
        })();

        v1.DeadLetter = (function() {

            /**
             * Properties of a DeadLetter.
             * @typedef {Object} gamepulse.v1.DeadLetter.$Properties
             * @property {string|null} [code] DeadLetter code
             * @property {string|null} [message] DeadLetter message
             * @property {string|null} [keyId] DeadLetter keyId
             * @property {number|null} [receivedAtMs] DeadLetter receivedAtMs
             * @property {Uint8Array|null} [raw] DeadLetter raw
             * @property {string|null} [source] DeadLetter source
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a DeadLetter.
             * @memberof gamepulse.v1
             * @interface IDeadLetter
             * @augments gamepulse.v1.DeadLetter.$Properties
             * @deprecated Use gamepulse.v1.DeadLetter.$Properties instead.
             */

            /**
             * Shape of a DeadLetter.
             * @typedef {gamepulse.v1.DeadLetter.$Properties} gamepulse.v1.DeadLetter.$Shape
             */

            /**
             * Constructs a new DeadLetter.
             * @memberof gamepulse.v1
             * @classdesc Represents a DeadLetter.
             * @constructor
             * @param {gamepulse.v1.DeadLetter.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const DeadLetter = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * DeadLetter code.
             * @member {string} code
             * @memberof gamepulse.v1.DeadLetter
             * @instance
             */
            DeadLetter.prototype.code = "";

            /**
             * DeadLetter message.
             * @member {string} message
             * @memberof gamepulse.v1.DeadLetter
             * @instance
             */
            DeadLetter.prototype.message = "";

            /**
             * DeadLetter keyId.
             * @member {string} keyId
             * @memberof gamepulse.v1.DeadLetter
             * @instance
             */
            DeadLetter.prototype.keyId = "";

            /**
             * DeadLetter receivedAtMs.
             * @member {number} receivedAtMs
             * @memberof gamepulse.v1.DeadLetter
             * @instance
             */
            DeadLetter.prototype.receivedAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * DeadLetter raw.
             * @member {Uint8Array} raw
             * @memberof gamepulse.v1.DeadLetter
             * @instance
             */
            DeadLetter.prototype.raw = $util.newBuffer([]);

            /**
             * DeadLetter source.
             * @member {string} source
             * @memberof gamepulse.v1.DeadLetter
             * @instance
             */
            DeadLetter.prototype.source = "";

            /**
             * Creates a new DeadLetter instance using the specified properties.
             * @function create
             * @memberof gamepulse.v1.DeadLetter
             * @static
             * @param {gamepulse.v1.DeadLetter.$Properties=} [properties] Properties to set
             * @returns {gamepulse.v1.DeadLetter} DeadLetter instance
             * @type {{
             *   (properties: gamepulse.v1.DeadLetter.$Shape): gamepulse.v1.DeadLetter & gamepulse.v1.DeadLetter.$Shape;
             *   (properties?: gamepulse.v1.DeadLetter.$Properties): gamepulse.v1.DeadLetter;
             * }}
             */
            DeadLetter.create = function(properties) {
                return new DeadLetter(properties);
            };

            /**
             * Encodes the specified DeadLetter message. Does not implicitly {@link gamepulse.v1.DeadLetter.verify|verify} messages.
             * @function encode
             * @memberof gamepulse.v1.DeadLetter
             * @static
             * @param {gamepulse.v1.DeadLetter.$Properties} message DeadLetter message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DeadLetter.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.code != null && $Object.hasOwnProperty.call(message, "code") && message.code !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.code);
                if (message.message != null && $Object.hasOwnProperty.call(message, "message") && message.message !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.message);
                if (message.keyId != null && $Object.hasOwnProperty.call(message, "keyId") && message.keyId !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.keyId);
                if (message.receivedAtMs != null && $Object.hasOwnProperty.call(message, "receivedAtMs") && (typeof message.receivedAtMs === "object" ? message.receivedAtMs.low || message.receivedAtMs.high : message.receivedAtMs !== 0))
                    writer.uint32(/* id 4, wireType 0 =*/32).int64(message.receivedAtMs);
                if (message.raw != null && $Object.hasOwnProperty.call(message, "raw") && message.raw.length)
                    writer.uint32(/* id 5, wireType 2 =*/42).bytes(message.raw);
                if (message.source != null && $Object.hasOwnProperty.call(message, "source") && message.source !== "")
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.source);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a DeadLetter message from the specified reader or buffer.
             * @function decode
             * @memberof gamepulse.v1.DeadLetter
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {gamepulse.v1.DeadLetter & gamepulse.v1.DeadLetter.$Shape} DeadLetter
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DeadLetter.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.gamepulse.v1.DeadLetter();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.code = value;
                            else
                                delete message.code;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.message = value;
                            else
                                delete message.message;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.keyId = value;
                            else
                                delete message.keyId;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.receivedAtMs = value;
                            else
                                delete message.receivedAtMs;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.raw = value;
                            else
                                delete message.raw;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.source = value;
                            else
                                delete message.source;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Creates a DeadLetter message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof gamepulse.v1.DeadLetter
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {gamepulse.v1.DeadLetter} DeadLetter
             */
            DeadLetter.fromObject = function (object, _depth) {
                if (object instanceof $root.gamepulse.v1.DeadLetter)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".gamepulse.v1.DeadLetter: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.gamepulse.v1.DeadLetter();
                if (object.code != null)
                    if (typeof object.code !== "string" || object.code.length)
                        message.code = $String(object.code);
                if (object.message != null)
                    if (typeof object.message !== "string" || object.message.length)
                        message.message = $String(object.message);
                if (object.keyId != null)
                    if (typeof object.keyId !== "string" || object.keyId.length)
                        message.keyId = $String(object.keyId);
                if (object.receivedAtMs != null)
                    if (typeof object.receivedAtMs === "object" ? object.receivedAtMs.low || object.receivedAtMs.high : $Number(object.receivedAtMs) !== 0)
                        if ($util.Long)
                            message.receivedAtMs = $util.Long.fromValue(object.receivedAtMs, false);
                        else if (typeof object.receivedAtMs === "string")
                            message.receivedAtMs = $parseInt(object.receivedAtMs, 10);
                        else if (typeof object.receivedAtMs === "number")
                            message.receivedAtMs = object.receivedAtMs;
                        else if (typeof object.receivedAtMs === "object")
                            message.receivedAtMs = new $util.LongBits(object.receivedAtMs.low >>> 0, object.receivedAtMs.high >>> 0).toNumber();
                if (object.raw != null)
                    if (object.raw.length)
                        if (typeof object.raw === "string")
                            $util.base64.decode(object.raw, message.raw = $util.newBuffer($util.base64.length(object.raw)), 0);
                        else if (object.raw.length >= 0)
                            message.raw = object.raw;
                if (object.source != null)
                    if (typeof object.source !== "string" || object.source.length)
                        message.source = $String(object.source);
                return message;
            };

            /**
             * Creates a plain object from a DeadLetter message. Also converts values to other types if specified.
             * @function toObject
             * @memberof gamepulse.v1.DeadLetter
             * @static
             * @param {gamepulse.v1.DeadLetter} message DeadLetter
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            DeadLetter.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.code = "";
                    object.message = "";
                    object.keyId = "";
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.receivedAtMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.receivedAtMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if (options.bytes === $String)
                        object.raw = "";
                    else {
                        object.raw = [];
                        if (options.bytes !== $Array)
                            object.raw = $util.newBuffer(object.raw);
                    }
                    object.source = "";
                }
                if (message.code != null && $Object.hasOwnProperty.call(message, "code"))
                    object.code = message.code;
                if (message.message != null && $Object.hasOwnProperty.call(message, "message"))
                    object.message = message.message;
                if (message.keyId != null && $Object.hasOwnProperty.call(message, "keyId"))
                    object.keyId = message.keyId;
                if (message.receivedAtMs != null && $Object.hasOwnProperty.call(message, "receivedAtMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.receivedAtMs = typeof message.receivedAtMs === "number" ? $BigInt(message.receivedAtMs) : $util.Long.fromBits(message.receivedAtMs.low >>> 0, message.receivedAtMs.high >>> 0, false).toBigInt();
                    else if (typeof message.receivedAtMs === "number")
                        object.receivedAtMs = options.longs === $String ? $String(message.receivedAtMs) : message.receivedAtMs;
                    else
                        object.receivedAtMs = options.longs === $String ? $util.Long.prototype.toString.call(message.receivedAtMs) : options.longs === $Number ? new $util.LongBits(message.receivedAtMs.low >>> 0, message.receivedAtMs.high >>> 0).toNumber() : message.receivedAtMs;
                if (message.raw != null && $Object.hasOwnProperty.call(message, "raw"))
                    object.raw = options.bytes === $String ? $util.base64.encode(message.raw, 0, message.raw.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.raw) : message.raw;
                if (message.source != null && $Object.hasOwnProperty.call(message, "source"))
                    object.source = message.source;
                return object;
            };

            /**
             * Converts this DeadLetter to JSON.
             * @function toJSON
             * @memberof gamepulse.v1.DeadLetter
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            DeadLetter.prototype.toJSON = function() {
                return DeadLetter.toObject(this, $protobuf.util.toJSONOptions);
            };

            return DeadLetter;
        })();

        v1.RollupRow = (function() {

            /**
             * Properties of a RollupRow.
             * @typedef {Object} gamepulse.v1.RollupRow.$Properties
             * @property {number|null} [windowStartMs] RollupRow windowStartMs
             * @property {string|null} [gameId] RollupRow gameId
             * @property {string|null} [build] RollupRow build
             * @property {string|null} [platform] RollupRow platform
             * @property {string|null} [country] RollupRow country
             * @property {string|null} [eventType] RollupRow eventType
             * @property {string|null} [action] RollupRow action
             * @property {string|null} [currency] RollupRow currency
             * @property {string|null} [item] RollupRow item
             * @property {string|null} [variant] RollupRow variant
             * @property {number|null} [events] RollupRow events
             * @property {number|null} [amount] RollupRow amount
             * @property {number|null} [value] RollupRow value
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a RollupRow.
             * @memberof gamepulse.v1
             * @interface IRollupRow
             * @augments gamepulse.v1.RollupRow.$Properties
             * @deprecated Use gamepulse.v1.RollupRow.$Properties instead.
             */

            /**
             * Shape of a RollupRow.
             * @typedef {gamepulse.v1.RollupRow.$Properties} gamepulse.v1.RollupRow.$Shape
             */

            /**
             * Constructs a new RollupRow.
             * @memberof gamepulse.v1
             * @classdesc Represents a RollupRow.
             * @constructor
             * @param {gamepulse.v1.RollupRow.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const RollupRow = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * RollupRow windowStartMs.
             * @member {number} windowStartMs
             * @memberof gamepulse.v1.RollupRow
             * @instance
             */
            RollupRow.prototype.windowStartMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * RollupRow gameId.
             * @member {string} gameId
             * @memberof gamepulse.v1.RollupRow
             * @instance
             */
            RollupRow.prototype.gameId = "";

            /**
             * RollupRow build.
             * @member {string} build
             * @memberof gamepulse.v1.RollupRow
             * @instance
             */
            RollupRow.prototype.build = "";

            /**
             * RollupRow platform.
             * @member {string} platform
             * @memberof gamepulse.v1.RollupRow
             * @instance
             */
            RollupRow.prototype.platform = "";

            /**
             * RollupRow country.
             * @member {string} country
             * @memberof gamepulse.v1.RollupRow
             * @instance
             */
            RollupRow.prototype.country = "";

            /**
             * RollupRow eventType.
             * @member {string} eventType
             * @memberof gamepulse.v1.RollupRow
             * @instance
             */
            RollupRow.prototype.eventType = "";

            /**
             * RollupRow action.
             * @member {string} action
             * @memberof gamepulse.v1.RollupRow
             * @instance
             */
            RollupRow.prototype.action = "";

            /**
             * RollupRow currency.
             * @member {string} currency
             * @memberof gamepulse.v1.RollupRow
             * @instance
             */
            RollupRow.prototype.currency = "";

            /**
             * RollupRow item.
             * @member {string} item
             * @memberof gamepulse.v1.RollupRow
             * @instance
             */
            RollupRow.prototype.item = "";

            /**
             * RollupRow variant.
             * @member {string} variant
             * @memberof gamepulse.v1.RollupRow
             * @instance
             */
            RollupRow.prototype.variant = "";

            /**
             * RollupRow events.
             * @member {number} events
             * @memberof gamepulse.v1.RollupRow
             * @instance
             */
            RollupRow.prototype.events = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * RollupRow amount.
             * @member {number} amount
             * @memberof gamepulse.v1.RollupRow
             * @instance
             */
            RollupRow.prototype.amount = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * RollupRow value.
             * @member {number} value
             * @memberof gamepulse.v1.RollupRow
             * @instance
             */
            RollupRow.prototype.value = 0;

            /**
             * Creates a new RollupRow instance using the specified properties.
             * @function create
             * @memberof gamepulse.v1.RollupRow
             * @static
             * @param {gamepulse.v1.RollupRow.$Properties=} [properties] Properties to set
             * @returns {gamepulse.v1.RollupRow} RollupRow instance
             * @type {{
             *   (properties: gamepulse.v1.RollupRow.$Shape): gamepulse.v1.RollupRow & gamepulse.v1.RollupRow.$Shape;
             *   (properties?: gamepulse.v1.RollupRow.$Properties): gamepulse.v1.RollupRow;
             * }}
             */
            RollupRow.create = function(properties) {
                return new RollupRow(properties);
            };

            /**
             * Encodes the specified RollupRow message. Does not implicitly {@link gamepulse.v1.RollupRow.verify|verify} messages.
             * @function encode
             * @memberof gamepulse.v1.RollupRow
             * @static
             * @param {gamepulse.v1.RollupRow.$Properties} message RollupRow message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            RollupRow.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.windowStartMs != null && $Object.hasOwnProperty.call(message, "windowStartMs") && (typeof message.windowStartMs === "object" ? message.windowStartMs.low || message.windowStartMs.high : message.windowStartMs !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).int64(message.windowStartMs);
                if (message.gameId != null && $Object.hasOwnProperty.call(message, "gameId") && message.gameId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.gameId);
                if (message.build != null && $Object.hasOwnProperty.call(message, "build") && message.build !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.build);
                if (message.platform != null && $Object.hasOwnProperty.call(message, "platform") && message.platform !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.platform);
                if (message.country != null && $Object.hasOwnProperty.call(message, "country") && message.country !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.country);
                if (message.eventType != null && $Object.hasOwnProperty.call(message, "eventType") && message.eventType !== "")
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.eventType);
                if (message.action != null && $Object.hasOwnProperty.call(message, "action") && message.action !== "")
                    writer.uint32(/* id 7, wireType 2 =*/58).string(message.action);
                if (message.currency != null && $Object.hasOwnProperty.call(message, "currency") && message.currency !== "")
                    writer.uint32(/* id 8, wireType 2 =*/66).string(message.currency);
                if (message.item != null && $Object.hasOwnProperty.call(message, "item") && message.item !== "")
                    writer.uint32(/* id 9, wireType 2 =*/74).string(message.item);
                if (message.variant != null && $Object.hasOwnProperty.call(message, "variant") && message.variant !== "")
                    writer.uint32(/* id 10, wireType 2 =*/82).string(message.variant);
                if (message.events != null && $Object.hasOwnProperty.call(message, "events") && (typeof message.events === "object" ? message.events.low || message.events.high : message.events !== 0))
                    writer.uint32(/* id 11, wireType 0 =*/88).int64(message.events);
                if (message.amount != null && $Object.hasOwnProperty.call(message, "amount") && (typeof message.amount === "object" ? message.amount.low || message.amount.high : message.amount !== 0))
                    writer.uint32(/* id 12, wireType 0 =*/96).int64(message.amount);
                if (message.value != null && $Object.hasOwnProperty.call(message, "value") && !$Object.is(message.value, 0))
                    writer.uint32(/* id 13, wireType 1 =*/105).double(message.value);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a RollupRow message from the specified reader or buffer.
             * @function decode
             * @memberof gamepulse.v1.RollupRow
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {gamepulse.v1.RollupRow & gamepulse.v1.RollupRow.$Shape} RollupRow
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            RollupRow.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.gamepulse.v1.RollupRow();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.windowStartMs = value;
                            else
                                delete message.windowStartMs;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.gameId = value;
                            else
                                delete message.gameId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.build = value;
                            else
                                delete message.build;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.platform = value;
                            else
                                delete message.platform;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.country = value;
                            else
                                delete message.country;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.eventType = value;
                            else
                                delete message.eventType;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.action = value;
                            else
                                delete message.action;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.currency = value;
                            else
                                delete message.currency;
                            continue;
                        }
                    case 9: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.item = value;
                            else
                                delete message.item;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.variant = value;
                            else
                                delete message.variant;
                            continue;
                        }
                    case 11: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.events = value;
                            else
                                delete message.events;
                            continue;
                        }
                    case 12: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.amount = value;
                            else
                                delete message.amount;
                            continue;
                        }
                    case 13: {
                            if (wireType !== 1)
                                break;
                            if (!$Object.is(value = reader.double(), 0))
                                message.value = value;
                            else
                                delete message.value;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Creates a RollupRow message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof gamepulse.v1.RollupRow
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {gamepulse.v1.RollupRow} RollupRow
             */
            RollupRow.fromObject = function (object, _depth) {
                if (object instanceof $root.gamepulse.v1.RollupRow)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".gamepulse.v1.RollupRow: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.gamepulse.v1.RollupRow();
                if (object.windowStartMs != null)
                    if (typeof object.windowStartMs === "object" ? object.windowStartMs.low || object.windowStartMs.high : $Number(object.windowStartMs) !== 0)
                        if ($util.Long)
                            message.windowStartMs = $util.Long.fromValue(object.windowStartMs, false);
                        else if (typeof object.windowStartMs === "string")
                            message.windowStartMs = $parseInt(object.windowStartMs, 10);
                        else if (typeof object.windowStartMs === "number")
                            message.windowStartMs = object.windowStartMs;
                        else if (typeof object.windowStartMs === "object")
                            message.windowStartMs = new $util.LongBits(object.windowStartMs.low >>> 0, object.windowStartMs.high >>> 0).toNumber();
                if (object.gameId != null)
                    if (typeof object.gameId !== "string" || object.gameId.length)
                        message.gameId = $String(object.gameId);
                if (object.build != null)
                    if (typeof object.build !== "string" || object.build.length)
                        message.build = $String(object.build);
                if (object.platform != null)
                    if (typeof object.platform !== "string" || object.platform.length)
                        message.platform = $String(object.platform);
                if (object.country != null)
                    if (typeof object.country !== "string" || object.country.length)
                        message.country = $String(object.country);
                if (object.eventType != null)
                    if (typeof object.eventType !== "string" || object.eventType.length)
                        message.eventType = $String(object.eventType);
                if (object.action != null)
                    if (typeof object.action !== "string" || object.action.length)
                        message.action = $String(object.action);
                if (object.currency != null)
                    if (typeof object.currency !== "string" || object.currency.length)
                        message.currency = $String(object.currency);
                if (object.item != null)
                    if (typeof object.item !== "string" || object.item.length)
                        message.item = $String(object.item);
                if (object.variant != null)
                    if (typeof object.variant !== "string" || object.variant.length)
                        message.variant = $String(object.variant);
                if (object.events != null)
                    if (typeof object.events === "object" ? object.events.low || object.events.high : $Number(object.events) !== 0)
                        if ($util.Long)
                            message.events = $util.Long.fromValue(object.events, false);
                        else if (typeof object.events === "string")
                            message.events = $parseInt(object.events, 10);
                        else if (typeof object.events === "number")
                            message.events = object.events;
                        else if (typeof object.events === "object")
                            message.events = new $util.LongBits(object.events.low >>> 0, object.events.high >>> 0).toNumber();
                if (object.amount != null)
                    if (typeof object.amount === "object" ? object.amount.low || object.amount.high : $Number(object.amount) !== 0)
                        if ($util.Long)
                            message.amount = $util.Long.fromValue(object.amount, false);
                        else if (typeof object.amount === "string")
                            message.amount = $parseInt(object.amount, 10);
                        else if (typeof object.amount === "number")
                            message.amount = object.amount;
                        else if (typeof object.amount === "object")
                            message.amount = new $util.LongBits(object.amount.low >>> 0, object.amount.high >>> 0).toNumber();
                if (object.value != null)
                    if (!$Object.is($Number(object.value), 0))
                        message.value = $Number(object.value);
                return message;
            };

            /**
             * Creates a plain object from a RollupRow message. Also converts values to other types if specified.
             * @function toObject
             * @memberof gamepulse.v1.RollupRow
             * @static
             * @param {gamepulse.v1.RollupRow} message RollupRow
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            RollupRow.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.windowStartMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.windowStartMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.gameId = "";
                    object.build = "";
                    object.platform = "";
                    object.country = "";
                    object.eventType = "";
                    object.action = "";
                    object.currency = "";
                    object.item = "";
                    object.variant = "";
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.events = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.events = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.amount = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.amount = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.value = 0;
                }
                if (message.windowStartMs != null && $Object.hasOwnProperty.call(message, "windowStartMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.windowStartMs = typeof message.windowStartMs === "number" ? $BigInt(message.windowStartMs) : $util.Long.fromBits(message.windowStartMs.low >>> 0, message.windowStartMs.high >>> 0, false).toBigInt();
                    else if (typeof message.windowStartMs === "number")
                        object.windowStartMs = options.longs === $String ? $String(message.windowStartMs) : message.windowStartMs;
                    else
                        object.windowStartMs = options.longs === $String ? $util.Long.prototype.toString.call(message.windowStartMs) : options.longs === $Number ? new $util.LongBits(message.windowStartMs.low >>> 0, message.windowStartMs.high >>> 0).toNumber() : message.windowStartMs;
                if (message.gameId != null && $Object.hasOwnProperty.call(message, "gameId"))
                    object.gameId = message.gameId;
                if (message.build != null && $Object.hasOwnProperty.call(message, "build"))
                    object.build = message.build;
                if (message.platform != null && $Object.hasOwnProperty.call(message, "platform"))
                    object.platform = message.platform;
                if (message.country != null && $Object.hasOwnProperty.call(message, "country"))
                    object.country = message.country;
                if (message.eventType != null && $Object.hasOwnProperty.call(message, "eventType"))
                    object.eventType = message.eventType;
                if (message.action != null && $Object.hasOwnProperty.call(message, "action"))
                    object.action = message.action;
                if (message.currency != null && $Object.hasOwnProperty.call(message, "currency"))
                    object.currency = message.currency;
                if (message.item != null && $Object.hasOwnProperty.call(message, "item"))
                    object.item = message.item;
                if (message.variant != null && $Object.hasOwnProperty.call(message, "variant"))
                    object.variant = message.variant;
                if (message.events != null && $Object.hasOwnProperty.call(message, "events"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.events = typeof message.events === "number" ? $BigInt(message.events) : $util.Long.fromBits(message.events.low >>> 0, message.events.high >>> 0, false).toBigInt();
                    else if (typeof message.events === "number")
                        object.events = options.longs === $String ? $String(message.events) : message.events;
                    else
                        object.events = options.longs === $String ? $util.Long.prototype.toString.call(message.events) : options.longs === $Number ? new $util.LongBits(message.events.low >>> 0, message.events.high >>> 0).toNumber() : message.events;
                if (message.amount != null && $Object.hasOwnProperty.call(message, "amount"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.amount = typeof message.amount === "number" ? $BigInt(message.amount) : $util.Long.fromBits(message.amount.low >>> 0, message.amount.high >>> 0, false).toBigInt();
                    else if (typeof message.amount === "number")
                        object.amount = options.longs === $String ? $String(message.amount) : message.amount;
                    else
                        object.amount = options.longs === $String ? $util.Long.prototype.toString.call(message.amount) : options.longs === $Number ? new $util.LongBits(message.amount.low >>> 0, message.amount.high >>> 0).toNumber() : message.amount;
                if (message.value != null && $Object.hasOwnProperty.call(message, "value"))
                    object.value = options.json && !$isFinite(message.value) ? $String(message.value) : message.value;
                return object;
            };

            /**
             * Converts this RollupRow to JSON.
             * @function toJSON
             * @memberof gamepulse.v1.RollupRow
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            RollupRow.prototype.toJSON = function() {
                return RollupRow.toObject(this, $protobuf.util.toJSONOptions);
            };

            return RollupRow;
        })();

        v1.PlayerWindow = (function() {

            /**
             * Properties of a PlayerWindow.
             * @typedef {Object} gamepulse.v1.PlayerWindow.$Properties
             * @property {number|null} [windowStartMs] PlayerWindow windowStartMs
             * @property {string|null} [gameId] PlayerWindow gameId
             * @property {string|null} [build] PlayerWindow build
             * @property {string|null} [platform] PlayerWindow platform
             * @property {string|null} [country] PlayerWindow country
             * @property {string|null} [playerId] PlayerWindow playerId
             * @property {number|null} [firstSeenDayMs] PlayerWindow firstSeenDayMs
             * @property {number|null} [events] PlayerWindow events
             * @property {number|null} [purchases] PlayerWindow purchases
             * @property {number|null} [sessions] PlayerWindow sessions
             * @property {string|null} [variant] PlayerWindow variant
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a PlayerWindow.
             * @memberof gamepulse.v1
             * @interface IPlayerWindow
             * @augments gamepulse.v1.PlayerWindow.$Properties
             * @deprecated Use gamepulse.v1.PlayerWindow.$Properties instead.
             */

            /**
             * Shape of a PlayerWindow.
             * @typedef {gamepulse.v1.PlayerWindow.$Properties} gamepulse.v1.PlayerWindow.$Shape
             */

            /**
             * Constructs a new PlayerWindow.
             * @memberof gamepulse.v1
             * @classdesc Represents a PlayerWindow.
             * @constructor
             * @param {gamepulse.v1.PlayerWindow.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const PlayerWindow = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * PlayerWindow windowStartMs.
             * @member {number} windowStartMs
             * @memberof gamepulse.v1.PlayerWindow
             * @instance
             */
            PlayerWindow.prototype.windowStartMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * PlayerWindow gameId.
             * @member {string} gameId
             * @memberof gamepulse.v1.PlayerWindow
             * @instance
             */
            PlayerWindow.prototype.gameId = "";

            /**
             * PlayerWindow build.
             * @member {string} build
             * @memberof gamepulse.v1.PlayerWindow
             * @instance
             */
            PlayerWindow.prototype.build = "";

            /**
             * PlayerWindow platform.
             * @member {string} platform
             * @memberof gamepulse.v1.PlayerWindow
             * @instance
             */
            PlayerWindow.prototype.platform = "";

            /**
             * PlayerWindow country.
             * @member {string} country
             * @memberof gamepulse.v1.PlayerWindow
             * @instance
             */
            PlayerWindow.prototype.country = "";

            /**
             * PlayerWindow playerId.
             * @member {string} playerId
             * @memberof gamepulse.v1.PlayerWindow
             * @instance
             */
            PlayerWindow.prototype.playerId = "";

            /**
             * PlayerWindow firstSeenDayMs.
             * @member {number} firstSeenDayMs
             * @memberof gamepulse.v1.PlayerWindow
             * @instance
             */
            PlayerWindow.prototype.firstSeenDayMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * PlayerWindow events.
             * @member {number} events
             * @memberof gamepulse.v1.PlayerWindow
             * @instance
             */
            PlayerWindow.prototype.events = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * PlayerWindow purchases.
             * @member {number} purchases
             * @memberof gamepulse.v1.PlayerWindow
             * @instance
             */
            PlayerWindow.prototype.purchases = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * PlayerWindow sessions.
             * @member {number} sessions
             * @memberof gamepulse.v1.PlayerWindow
             * @instance
             */
            PlayerWindow.prototype.sessions = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * PlayerWindow variant.
             * @member {string} variant
             * @memberof gamepulse.v1.PlayerWindow
             * @instance
             */
            PlayerWindow.prototype.variant = "";

            /**
             * Creates a new PlayerWindow instance using the specified properties.
             * @function create
             * @memberof gamepulse.v1.PlayerWindow
             * @static
             * @param {gamepulse.v1.PlayerWindow.$Properties=} [properties] Properties to set
             * @returns {gamepulse.v1.PlayerWindow} PlayerWindow instance
             * @type {{
             *   (properties: gamepulse.v1.PlayerWindow.$Shape): gamepulse.v1.PlayerWindow & gamepulse.v1.PlayerWindow.$Shape;
             *   (properties?: gamepulse.v1.PlayerWindow.$Properties): gamepulse.v1.PlayerWindow;
             * }}
             */
            PlayerWindow.create = function(properties) {
                return new PlayerWindow(properties);
            };

            /**
             * Encodes the specified PlayerWindow message. Does not implicitly {@link gamepulse.v1.PlayerWindow.verify|verify} messages.
             * @function encode
             * @memberof gamepulse.v1.PlayerWindow
             * @static
             * @param {gamepulse.v1.PlayerWindow.$Properties} message PlayerWindow message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PlayerWindow.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.windowStartMs != null && $Object.hasOwnProperty.call(message, "windowStartMs") && (typeof message.windowStartMs === "object" ? message.windowStartMs.low || message.windowStartMs.high : message.windowStartMs !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).int64(message.windowStartMs);
                if (message.gameId != null && $Object.hasOwnProperty.call(message, "gameId") && message.gameId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.gameId);
                if (message.build != null && $Object.hasOwnProperty.call(message, "build") && message.build !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.build);
                if (message.platform != null && $Object.hasOwnProperty.call(message, "platform") && message.platform !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.platform);
                if (message.country != null && $Object.hasOwnProperty.call(message, "country") && message.country !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.country);
                if (message.playerId != null && $Object.hasOwnProperty.call(message, "playerId") && message.playerId !== "")
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.playerId);
                if (message.firstSeenDayMs != null && $Object.hasOwnProperty.call(message, "firstSeenDayMs") && (typeof message.firstSeenDayMs === "object" ? message.firstSeenDayMs.low || message.firstSeenDayMs.high : message.firstSeenDayMs !== 0))
                    writer.uint32(/* id 7, wireType 0 =*/56).int64(message.firstSeenDayMs);
                if (message.events != null && $Object.hasOwnProperty.call(message, "events") && (typeof message.events === "object" ? message.events.low || message.events.high : message.events !== 0))
                    writer.uint32(/* id 8, wireType 0 =*/64).int64(message.events);
                if (message.purchases != null && $Object.hasOwnProperty.call(message, "purchases") && (typeof message.purchases === "object" ? message.purchases.low || message.purchases.high : message.purchases !== 0))
                    writer.uint32(/* id 9, wireType 0 =*/72).int64(message.purchases);
                if (message.sessions != null && $Object.hasOwnProperty.call(message, "sessions") && (typeof message.sessions === "object" ? message.sessions.low || message.sessions.high : message.sessions !== 0))
                    writer.uint32(/* id 10, wireType 0 =*/80).int64(message.sessions);
                if (message.variant != null && $Object.hasOwnProperty.call(message, "variant") && message.variant !== "")
                    writer.uint32(/* id 11, wireType 2 =*/90).string(message.variant);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a PlayerWindow message from the specified reader or buffer.
             * @function decode
             * @memberof gamepulse.v1.PlayerWindow
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {gamepulse.v1.PlayerWindow & gamepulse.v1.PlayerWindow.$Shape} PlayerWindow
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PlayerWindow.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.gamepulse.v1.PlayerWindow();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.windowStartMs = value;
                            else
                                delete message.windowStartMs;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.gameId = value;
                            else
                                delete message.gameId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.build = value;
                            else
                                delete message.build;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.platform = value;
                            else
                                delete message.platform;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.country = value;
                            else
                                delete message.country;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.playerId = value;
                            else
                                delete message.playerId;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.firstSeenDayMs = value;
                            else
                                delete message.firstSeenDayMs;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.events = value;
                            else
                                delete message.events;
                            continue;
                        }
                    case 9: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.purchases = value;
                            else
                                delete message.purchases;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.sessions = value;
                            else
                                delete message.sessions;
                            continue;
                        }
                    case 11: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.variant = value;
                            else
                                delete message.variant;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Creates a PlayerWindow message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof gamepulse.v1.PlayerWindow
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {gamepulse.v1.PlayerWindow} PlayerWindow
             */
            PlayerWindow.fromObject = function (object, _depth) {
                if (object instanceof $root.gamepulse.v1.PlayerWindow)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".gamepulse.v1.PlayerWindow: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.gamepulse.v1.PlayerWindow();
                if (object.windowStartMs != null)
                    if (typeof object.windowStartMs === "object" ? object.windowStartMs.low || object.windowStartMs.high : $Number(object.windowStartMs) !== 0)
                        if ($util.Long)
                            message.windowStartMs = $util.Long.fromValue(object.windowStartMs, false);
                        else if (typeof object.windowStartMs === "string")
                            message.windowStartMs = $parseInt(object.windowStartMs, 10);
                        else if (typeof object.windowStartMs === "number")
                            message.windowStartMs = object.windowStartMs;
                        else if (typeof object.windowStartMs === "object")
                            message.windowStartMs = new $util.LongBits(object.windowStartMs.low >>> 0, object.windowStartMs.high >>> 0).toNumber();
                if (object.gameId != null)
                    if (typeof object.gameId !== "string" || object.gameId.length)
                        message.gameId = $String(object.gameId);
                if (object.build != null)
                    if (typeof object.build !== "string" || object.build.length)
                        message.build = $String(object.build);
                if (object.platform != null)
                    if (typeof object.platform !== "string" || object.platform.length)
                        message.platform = $String(object.platform);
                if (object.country != null)
                    if (typeof object.country !== "string" || object.country.length)
                        message.country = $String(object.country);
                if (object.playerId != null)
                    if (typeof object.playerId !== "string" || object.playerId.length)
                        message.playerId = $String(object.playerId);
                if (object.firstSeenDayMs != null)
                    if (typeof object.firstSeenDayMs === "object" ? object.firstSeenDayMs.low || object.firstSeenDayMs.high : $Number(object.firstSeenDayMs) !== 0)
                        if ($util.Long)
                            message.firstSeenDayMs = $util.Long.fromValue(object.firstSeenDayMs, false);
                        else if (typeof object.firstSeenDayMs === "string")
                            message.firstSeenDayMs = $parseInt(object.firstSeenDayMs, 10);
                        else if (typeof object.firstSeenDayMs === "number")
                            message.firstSeenDayMs = object.firstSeenDayMs;
                        else if (typeof object.firstSeenDayMs === "object")
                            message.firstSeenDayMs = new $util.LongBits(object.firstSeenDayMs.low >>> 0, object.firstSeenDayMs.high >>> 0).toNumber();
                if (object.events != null)
                    if (typeof object.events === "object" ? object.events.low || object.events.high : $Number(object.events) !== 0)
                        if ($util.Long)
                            message.events = $util.Long.fromValue(object.events, false);
                        else if (typeof object.events === "string")
                            message.events = $parseInt(object.events, 10);
                        else if (typeof object.events === "number")
                            message.events = object.events;
                        else if (typeof object.events === "object")
                            message.events = new $util.LongBits(object.events.low >>> 0, object.events.high >>> 0).toNumber();
                if (object.purchases != null)
                    if (typeof object.purchases === "object" ? object.purchases.low || object.purchases.high : $Number(object.purchases) !== 0)
                        if ($util.Long)
                            message.purchases = $util.Long.fromValue(object.purchases, false);
                        else if (typeof object.purchases === "string")
                            message.purchases = $parseInt(object.purchases, 10);
                        else if (typeof object.purchases === "number")
                            message.purchases = object.purchases;
                        else if (typeof object.purchases === "object")
                            message.purchases = new $util.LongBits(object.purchases.low >>> 0, object.purchases.high >>> 0).toNumber();
                if (object.sessions != null)
                    if (typeof object.sessions === "object" ? object.sessions.low || object.sessions.high : $Number(object.sessions) !== 0)
                        if ($util.Long)
                            message.sessions = $util.Long.fromValue(object.sessions, false);
                        else if (typeof object.sessions === "string")
                            message.sessions = $parseInt(object.sessions, 10);
                        else if (typeof object.sessions === "number")
                            message.sessions = object.sessions;
                        else if (typeof object.sessions === "object")
                            message.sessions = new $util.LongBits(object.sessions.low >>> 0, object.sessions.high >>> 0).toNumber();
                if (object.variant != null)
                    if (typeof object.variant !== "string" || object.variant.length)
                        message.variant = $String(object.variant);
                return message;
            };

            /**
             * Creates a plain object from a PlayerWindow message. Also converts values to other types if specified.
             * @function toObject
             * @memberof gamepulse.v1.PlayerWindow
             * @static
             * @param {gamepulse.v1.PlayerWindow} message PlayerWindow
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            PlayerWindow.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.windowStartMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.windowStartMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.gameId = "";
                    object.build = "";
                    object.platform = "";
                    object.country = "";
                    object.playerId = "";
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.firstSeenDayMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.firstSeenDayMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.events = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.events = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.purchases = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.purchases = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.sessions = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.sessions = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.variant = "";
                }
                if (message.windowStartMs != null && $Object.hasOwnProperty.call(message, "windowStartMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.windowStartMs = typeof message.windowStartMs === "number" ? $BigInt(message.windowStartMs) : $util.Long.fromBits(message.windowStartMs.low >>> 0, message.windowStartMs.high >>> 0, false).toBigInt();
                    else if (typeof message.windowStartMs === "number")
                        object.windowStartMs = options.longs === $String ? $String(message.windowStartMs) : message.windowStartMs;
                    else
                        object.windowStartMs = options.longs === $String ? $util.Long.prototype.toString.call(message.windowStartMs) : options.longs === $Number ? new $util.LongBits(message.windowStartMs.low >>> 0, message.windowStartMs.high >>> 0).toNumber() : message.windowStartMs;
                if (message.gameId != null && $Object.hasOwnProperty.call(message, "gameId"))
                    object.gameId = message.gameId;
                if (message.build != null && $Object.hasOwnProperty.call(message, "build"))
                    object.build = message.build;
                if (message.platform != null && $Object.hasOwnProperty.call(message, "platform"))
                    object.platform = message.platform;
                if (message.country != null && $Object.hasOwnProperty.call(message, "country"))
                    object.country = message.country;
                if (message.playerId != null && $Object.hasOwnProperty.call(message, "playerId"))
                    object.playerId = message.playerId;
                if (message.firstSeenDayMs != null && $Object.hasOwnProperty.call(message, "firstSeenDayMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.firstSeenDayMs = typeof message.firstSeenDayMs === "number" ? $BigInt(message.firstSeenDayMs) : $util.Long.fromBits(message.firstSeenDayMs.low >>> 0, message.firstSeenDayMs.high >>> 0, false).toBigInt();
                    else if (typeof message.firstSeenDayMs === "number")
                        object.firstSeenDayMs = options.longs === $String ? $String(message.firstSeenDayMs) : message.firstSeenDayMs;
                    else
                        object.firstSeenDayMs = options.longs === $String ? $util.Long.prototype.toString.call(message.firstSeenDayMs) : options.longs === $Number ? new $util.LongBits(message.firstSeenDayMs.low >>> 0, message.firstSeenDayMs.high >>> 0).toNumber() : message.firstSeenDayMs;
                if (message.events != null && $Object.hasOwnProperty.call(message, "events"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.events = typeof message.events === "number" ? $BigInt(message.events) : $util.Long.fromBits(message.events.low >>> 0, message.events.high >>> 0, false).toBigInt();
                    else if (typeof message.events === "number")
                        object.events = options.longs === $String ? $String(message.events) : message.events;
                    else
                        object.events = options.longs === $String ? $util.Long.prototype.toString.call(message.events) : options.longs === $Number ? new $util.LongBits(message.events.low >>> 0, message.events.high >>> 0).toNumber() : message.events;
                if (message.purchases != null && $Object.hasOwnProperty.call(message, "purchases"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.purchases = typeof message.purchases === "number" ? $BigInt(message.purchases) : $util.Long.fromBits(message.purchases.low >>> 0, message.purchases.high >>> 0, false).toBigInt();
                    else if (typeof message.purchases === "number")
                        object.purchases = options.longs === $String ? $String(message.purchases) : message.purchases;
                    else
                        object.purchases = options.longs === $String ? $util.Long.prototype.toString.call(message.purchases) : options.longs === $Number ? new $util.LongBits(message.purchases.low >>> 0, message.purchases.high >>> 0).toNumber() : message.purchases;
                if (message.sessions != null && $Object.hasOwnProperty.call(message, "sessions"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.sessions = typeof message.sessions === "number" ? $BigInt(message.sessions) : $util.Long.fromBits(message.sessions.low >>> 0, message.sessions.high >>> 0, false).toBigInt();
                    else if (typeof message.sessions === "number")
                        object.sessions = options.longs === $String ? $String(message.sessions) : message.sessions;
                    else
                        object.sessions = options.longs === $String ? $util.Long.prototype.toString.call(message.sessions) : options.longs === $Number ? new $util.LongBits(message.sessions.low >>> 0, message.sessions.high >>> 0).toNumber() : message.sessions;
                if (message.variant != null && $Object.hasOwnProperty.call(message, "variant"))
                    object.variant = message.variant;
                return object;
            };

            /**
             * Converts this PlayerWindow to JSON.
             * @function toJSON
             * @memberof gamepulse.v1.PlayerWindow
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            PlayerWindow.prototype.toJSON = function() {
                return PlayerWindow.toObject(this, $protobuf.util.toJSONOptions);
            };

            return PlayerWindow;
        })();

        v1.DeletionRequest = (function() {

            /**
             * Properties of a DeletionRequest.
             * @typedef {Object} gamepulse.v1.DeletionRequest.$Properties
             * @property {string|null} [gameId] DeletionRequest gameId
             * @property {string|null} [playerId] DeletionRequest playerId
             * @property {string|null} [installId] DeletionRequest installId
             * @property {number|null} [requestedAtMs] DeletionRequest requestedAtMs
             * @property {string|null} [source] DeletionRequest source
             * @property {string|null} [keyId] DeletionRequest keyId
             * @property {string|null} [requestId] DeletionRequest requestId
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a DeletionRequest.
             * @memberof gamepulse.v1
             * @interface IDeletionRequest
             * @augments gamepulse.v1.DeletionRequest.$Properties
             * @deprecated Use gamepulse.v1.DeletionRequest.$Properties instead.
             */

            /**
             * Shape of a DeletionRequest.
             * @typedef {gamepulse.v1.DeletionRequest.$Properties} gamepulse.v1.DeletionRequest.$Shape
             */

            /**
             * Constructs a new DeletionRequest.
             * @memberof gamepulse.v1
             * @classdesc Represents a DeletionRequest.
             * @constructor
             * @param {gamepulse.v1.DeletionRequest.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const DeletionRequest = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * DeletionRequest gameId.
             * @member {string} gameId
             * @memberof gamepulse.v1.DeletionRequest
             * @instance
             */
            DeletionRequest.prototype.gameId = "";

            /**
             * DeletionRequest playerId.
             * @member {string} playerId
             * @memberof gamepulse.v1.DeletionRequest
             * @instance
             */
            DeletionRequest.prototype.playerId = "";

            /**
             * DeletionRequest installId.
             * @member {string} installId
             * @memberof gamepulse.v1.DeletionRequest
             * @instance
             */
            DeletionRequest.prototype.installId = "";

            /**
             * DeletionRequest requestedAtMs.
             * @member {number} requestedAtMs
             * @memberof gamepulse.v1.DeletionRequest
             * @instance
             */
            DeletionRequest.prototype.requestedAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * DeletionRequest source.
             * @member {string} source
             * @memberof gamepulse.v1.DeletionRequest
             * @instance
             */
            DeletionRequest.prototype.source = "";

            /**
             * DeletionRequest keyId.
             * @member {string} keyId
             * @memberof gamepulse.v1.DeletionRequest
             * @instance
             */
            DeletionRequest.prototype.keyId = "";

            /**
             * DeletionRequest requestId.
             * @member {string} requestId
             * @memberof gamepulse.v1.DeletionRequest
             * @instance
             */
            DeletionRequest.prototype.requestId = "";

            /**
             * Creates a new DeletionRequest instance using the specified properties.
             * @function create
             * @memberof gamepulse.v1.DeletionRequest
             * @static
             * @param {gamepulse.v1.DeletionRequest.$Properties=} [properties] Properties to set
             * @returns {gamepulse.v1.DeletionRequest} DeletionRequest instance
             * @type {{
             *   (properties: gamepulse.v1.DeletionRequest.$Shape): gamepulse.v1.DeletionRequest & gamepulse.v1.DeletionRequest.$Shape;
             *   (properties?: gamepulse.v1.DeletionRequest.$Properties): gamepulse.v1.DeletionRequest;
             * }}
             */
            DeletionRequest.create = function(properties) {
                return new DeletionRequest(properties);
            };

            /**
             * Encodes the specified DeletionRequest message. Does not implicitly {@link gamepulse.v1.DeletionRequest.verify|verify} messages.
             * @function encode
             * @memberof gamepulse.v1.DeletionRequest
             * @static
             * @param {gamepulse.v1.DeletionRequest.$Properties} message DeletionRequest message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DeletionRequest.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.gameId != null && $Object.hasOwnProperty.call(message, "gameId") && message.gameId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.gameId);
                if (message.playerId != null && $Object.hasOwnProperty.call(message, "playerId") && message.playerId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.playerId);
                if (message.installId != null && $Object.hasOwnProperty.call(message, "installId") && message.installId !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.installId);
                if (message.requestedAtMs != null && $Object.hasOwnProperty.call(message, "requestedAtMs") && (typeof message.requestedAtMs === "object" ? message.requestedAtMs.low || message.requestedAtMs.high : message.requestedAtMs !== 0))
                    writer.uint32(/* id 4, wireType 0 =*/32).int64(message.requestedAtMs);
                if (message.source != null && $Object.hasOwnProperty.call(message, "source") && message.source !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.source);
                if (message.keyId != null && $Object.hasOwnProperty.call(message, "keyId") && message.keyId !== "")
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.keyId);
                if (message.requestId != null && $Object.hasOwnProperty.call(message, "requestId") && message.requestId !== "")
                    writer.uint32(/* id 7, wireType 2 =*/58).string(message.requestId);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a DeletionRequest message from the specified reader or buffer.
             * @function decode
             * @memberof gamepulse.v1.DeletionRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {gamepulse.v1.DeletionRequest & gamepulse.v1.DeletionRequest.$Shape} DeletionRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DeletionRequest.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.gamepulse.v1.DeletionRequest();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.gameId = value;
                            else
                                delete message.gameId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.playerId = value;
                            else
                                delete message.playerId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.installId = value;
                            else
                                delete message.installId;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.requestedAtMs = value;
                            else
                                delete message.requestedAtMs;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.source = value;
                            else
                                delete message.source;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.keyId = value;
                            else
                                delete message.keyId;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.requestId = value;
                            else
                                delete message.requestId;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Creates a DeletionRequest message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof gamepulse.v1.DeletionRequest
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {gamepulse.v1.DeletionRequest} DeletionRequest
             */
            DeletionRequest.fromObject = function (object, _depth) {
                if (object instanceof $root.gamepulse.v1.DeletionRequest)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".gamepulse.v1.DeletionRequest: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.gamepulse.v1.DeletionRequest();
                if (object.gameId != null)
                    if (typeof object.gameId !== "string" || object.gameId.length)
                        message.gameId = $String(object.gameId);
                if (object.playerId != null)
                    if (typeof object.playerId !== "string" || object.playerId.length)
                        message.playerId = $String(object.playerId);
                if (object.installId != null)
                    if (typeof object.installId !== "string" || object.installId.length)
                        message.installId = $String(object.installId);
                if (object.requestedAtMs != null)
                    if (typeof object.requestedAtMs === "object" ? object.requestedAtMs.low || object.requestedAtMs.high : $Number(object.requestedAtMs) !== 0)
                        if ($util.Long)
                            message.requestedAtMs = $util.Long.fromValue(object.requestedAtMs, false);
                        else if (typeof object.requestedAtMs === "string")
                            message.requestedAtMs = $parseInt(object.requestedAtMs, 10);
                        else if (typeof object.requestedAtMs === "number")
                            message.requestedAtMs = object.requestedAtMs;
                        else if (typeof object.requestedAtMs === "object")
                            message.requestedAtMs = new $util.LongBits(object.requestedAtMs.low >>> 0, object.requestedAtMs.high >>> 0).toNumber();
                if (object.source != null)
                    if (typeof object.source !== "string" || object.source.length)
                        message.source = $String(object.source);
                if (object.keyId != null)
                    if (typeof object.keyId !== "string" || object.keyId.length)
                        message.keyId = $String(object.keyId);
                if (object.requestId != null)
                    if (typeof object.requestId !== "string" || object.requestId.length)
                        message.requestId = $String(object.requestId);
                return message;
            };

            /**
             * Creates a plain object from a DeletionRequest message. Also converts values to other types if specified.
             * @function toObject
             * @memberof gamepulse.v1.DeletionRequest
             * @static
             * @param {gamepulse.v1.DeletionRequest} message DeletionRequest
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            DeletionRequest.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.gameId = "";
                    object.playerId = "";
                    object.installId = "";
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.requestedAtMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.requestedAtMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.source = "";
                    object.keyId = "";
                    object.requestId = "";
                }
                if (message.gameId != null && $Object.hasOwnProperty.call(message, "gameId"))
                    object.gameId = message.gameId;
                if (message.playerId != null && $Object.hasOwnProperty.call(message, "playerId"))
                    object.playerId = message.playerId;
                if (message.installId != null && $Object.hasOwnProperty.call(message, "installId"))
                    object.installId = message.installId;
                if (message.requestedAtMs != null && $Object.hasOwnProperty.call(message, "requestedAtMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.requestedAtMs = typeof message.requestedAtMs === "number" ? $BigInt(message.requestedAtMs) : $util.Long.fromBits(message.requestedAtMs.low >>> 0, message.requestedAtMs.high >>> 0, false).toBigInt();
                    else if (typeof message.requestedAtMs === "number")
                        object.requestedAtMs = options.longs === $String ? $String(message.requestedAtMs) : message.requestedAtMs;
                    else
                        object.requestedAtMs = options.longs === $String ? $util.Long.prototype.toString.call(message.requestedAtMs) : options.longs === $Number ? new $util.LongBits(message.requestedAtMs.low >>> 0, message.requestedAtMs.high >>> 0).toNumber() : message.requestedAtMs;
                if (message.source != null && $Object.hasOwnProperty.call(message, "source"))
                    object.source = message.source;
                if (message.keyId != null && $Object.hasOwnProperty.call(message, "keyId"))
                    object.keyId = message.keyId;
                if (message.requestId != null && $Object.hasOwnProperty.call(message, "requestId"))
                    object.requestId = message.requestId;
                return object;
            };

            /**
             * Converts this DeletionRequest to JSON.
             * @function toJSON
             * @memberof gamepulse.v1.DeletionRequest
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            DeletionRequest.prototype.toJSON = function() {
                return DeletionRequest.toObject(this, $protobuf.util.toJSONOptions);
            };

            return DeletionRequest;
        })();

        return v1;
    })();

    return gamepulse;
})();

export {
  $root as default
};
