extension DataTable {
    /// Reads a CSV file into a table.
    ///
    /// The whole file is read into memory and parsed in parallel chunks. See `CSVReadOptions`
    /// for how cells become numbers, labels or missing values.
    ///
    /// - Parameters:
    ///   - path: the file's path; errors name it as given.
    ///   - options: delimiter, missing-value texts and declared column types.
    /// - Throws: `CSVError` naming the file, the 1-based line and the column for the first
    ///   problem in the file: a cell that is not a number in a column declared numeric, a row
    ///   with too few or too many fields, an unclosed quote, an empty or repeated header name,
    ///   an empty file, or a file that cannot be read.
    /// - Complexity: O(*n*) in the file size, spread over the processors.
    public init(csvFile path: String, options: CSVReadOptions = CSVReadOptions()) throws {
        let input = try InputBytes.load(path: path)
        self = try CSVReader(input: input, label: path, options: options).read()
    }

    /// Reads CSV text held in memory into a table.
    ///
    /// - Parameters:
    ///   - text: the CSV text.
    ///   - label: the name errors give the input; default `<input>`.
    ///   - options: as for reading a file.
    /// - Throws: `CSVError`, as for reading a file, naming `label`.
    /// - Complexity: O(*n*) in the text's UTF-8 length.
    public init(csvText text: String, label: String = "<input>", options: CSVReadOptions = CSVReadOptions()) throws {
        var text = text
        let input = text.withUTF8 { InputBytes(copying: UnsafeRawBufferPointer($0)) }
        self = try CSVReader(input: input, label: label, options: options).read()
    }

    /// Reads CSV bytes (UTF-8) held in memory into a table.
    ///
    /// - Parameters:
    ///   - bytes: the CSV bytes.
    ///   - label: the name errors give the input; default `<input>`.
    ///   - options: as for reading a file.
    /// - Throws: `CSVError`, as for reading a file, naming `label`.
    /// - Complexity: O(*n*) in the number of bytes.
    public init(csvBytes bytes: [UInt8], label: String = "<input>", options: CSVReadOptions = CSVReadOptions()) throws {
        let input = bytes.withUnsafeBytes { InputBytes(copying: $0) }
        self = try CSVReader(input: input, label: label, options: options).read()
    }
}
